package io.github.coco4j.kbs;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.coco4j.aa.attester.sample.SampleAttester;
import io.github.coco4j.aa.kbs.KbsCredentials;
import io.github.coco4j.aa.kbs.KbsHttpClients;
import io.github.coco4j.aa.kbs.KbsTokenCache;
import io.github.coco4j.aa.kbs.RcarClient;
import io.github.coco4j.aa.kbs.RetryPolicy;
import io.github.coco4j.aa.kbs.TeeKeyAlgorithm;
import io.github.coco4j.kbs.testing.DevKbs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's token cache against the development KBS, with the KBS's clock driving the token lifetime. */
class KbsTokenCacheTest {
    @TempDir
    Path dir;

    @Test
    void tokenIsReusedUntilItNearsExpiryThenRenewedWithAFreshKey() throws Exception {
        try (DevKbs kbs = DevKbs.start(dir, Optional.empty(), true, (c, r) -> true, Duration.ofMinutes(5))) {
            KbsTokenCache cache = new KbsTokenCache(new RcarClient(kbs.url(), KbsHttpClients.forCertificate(null),
                    RetryPolicy.DEFAULT), new SampleAttester(), TeeKeyAlgorithm.ECDH_ES_A256KW_P256, null, kbs.clock());
            KbsCredentials first = cache.credentials();
            kbs.clock().advance(Duration.ofMinutes(4));
            assertSame(first, cache.credentials(), "a token with minutes left is handed out again");
            kbs.clock().advance(Duration.ofSeconds(55));
            KbsCredentials renewed = cache.credentials();
            assertNotEquals(first.token().jwt(), renewed.token().jwt());
            assertNotEquals(first.keyPair().publicJwk(), renewed.keyPair().publicJwk());
        }
    }
}
