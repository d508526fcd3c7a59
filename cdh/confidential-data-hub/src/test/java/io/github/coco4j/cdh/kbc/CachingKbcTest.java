package io.github.coco4j.cdh.kbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingKbcTest {
    private static final ResourceUri KEY = ResourceUri.parse("kbs:///default/key/k1");

    @TempDir
    Path dir;

    /** Counts the reads that reach the KBC behind the cache, and says when its credentials expire. */
    private static final class CountingKbc implements Kbc {
        final Kbc real;
        Optional<Instant> expiry = Optional.empty();
        int reads;

        CountingKbc(Kbc real) {
            this.real = real;
        }

        @Override
        public byte[] getResource(ResourceUri uri) throws KbcException, InterruptedException {
            reads++;
            return real.getResource(uri);
        }

        @Override
        public Optional<Instant> credentialsExpiry() {
            return expiry;
        }
    }

    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private CountingKbc offline() throws Exception {
        Path file = Files.writeString(dir.resolve("res.json"), "{\"default/key/k1\": \"c2VjcmV0\"}");
        return new CountingKbc(OfflineFsKbc.load(List.of(file)));
    }

    @Test
    void repeatedReadsWithinTheTtlAreServedFromMemory() throws Exception {
        CountingKbc kbc = offline();
        ManualClock clock = new ManualClock();
        CachingKbc cache = new CachingKbc(kbc, Duration.ofSeconds(30), clock);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), cache.getResource(KEY));
        }
        assertEquals(1, kbc.reads);
        assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), cache.cached(KEY).orElseThrow(),
                "at hand without a read");
        assertEquals(1, kbc.reads);
        clock.now = clock.now.plusSeconds(31);
        assertTrue(cache.cached(KEY).isEmpty(), "an expired entry is not at hand");
        cache.getResource(KEY);
        assertEquals(2, kbc.reads, "an entry older than the ttl is fetched again");
    }

    @Test
    void entriesNeverOutliveTheCredentials() throws Exception {
        CountingKbc kbc = offline();
        ManualClock clock = new ManualClock();
        kbc.expiry = Optional.of(clock.now.plusSeconds(5));
        CachingKbc cache = new CachingKbc(kbc, Duration.ofSeconds(300), clock);
        cache.getResource(KEY);
        clock.now = clock.now.plusSeconds(6);
        cache.getResource(KEY);
        assertEquals(2, kbc.reads);
    }

    @Test
    void missesAreNotCachedAndTheTtlMustBePositive() throws Exception {
        CountingKbc kbc = offline();
        CachingKbc cache = new CachingKbc(kbc, Duration.ofSeconds(30), new ManualClock());
        assertTrue(cache.cached(KEY).isEmpty(), "nothing is at hand before the first read");
        ResourceUri missing = ResourceUri.parse("kbs:///default/key/k2");
        assertThrows(KbcException.class, () -> cache.getResource(missing));
        assertThrows(KbcException.class, () -> cache.getResource(missing));
        assertEquals(2, kbc.reads);
        assertThrows(IllegalArgumentException.class, () -> new CachingKbc(kbc, Duration.ZERO, new ManualClock()));
    }
}
