package io.github.coco4j.cdh.kbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves repeated reads of a resource from memory for a while, so a workload polling a key does
 * not make a KBS round trip each time. An entry lives at most {@code ttl}, and never past the
 * expiry of the credentials it was fetched with; nothing is written to disk.
 */
public final class CachingKbc implements Kbc {
    private final Kbc delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<ResourceUri, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(byte[] value, Instant expires) {
    }

    public CachingKbc(Kbc delegate, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the cache's ttl must be positive");
        }
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> cached(ResourceUri uri) {
        Entry cached = entries.get(uri);
        return cached != null && clock.instant().isBefore(cached.expires()) ? Optional.of(cached.value().clone())
                : Optional.empty();
    }

    @Override
    public byte[] getResource(ResourceUri uri) throws KbcException, InterruptedException {
        Optional<byte[]> cached = cached(uri);
        if (cached.isPresent()) {
            return cached.get();
        }
        Instant now = clock.instant();
        byte[] value = delegate.getResource(uri);
        Instant expires = now.plus(ttl);
        Optional<Instant> credentials = delegate.credentialsExpiry();
        if (credentials.isPresent() && credentials.get().isBefore(expires)) {
            expires = credentials.get();
        }
        entries.put(uri, new Entry(value.clone(), expires));
        return value;
    }

    @Override
    public Optional<Instant> credentialsExpiry() {
        return delegate.credentialsExpiry();
    }
}
