package io.github.coco4j.aa.kbs;

import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Hands out KBS credentials, attesting again only when the cached token is about to expire.
 * Each handshake uses a fresh TEE key pair, so a token never outlives the key it certifies.
 */
public final class KbsTokenCache {
    /** A token this close to its expiry is renewed rather than handed out. */
    static final long EXPIRY_MARGIN_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(KbsTokenCache.class.getName());

    private final RcarClient client;
    private final Attester attester;
    private final TeeKeyAlgorithm keyAlgorithm;
    private final String initDataToml;
    private final Clock clock;
    private KbsCredentials cached;

    /** @param initDataToml the initdata document to present with the evidence, or null */
    public KbsTokenCache(RcarClient client, Attester attester, TeeKeyAlgorithm keyAlgorithm, String initDataToml,
                         Clock clock) {
        this.client = client;
        this.attester = attester;
        this.keyAlgorithm = keyAlgorithm;
        this.initDataToml = initDataToml;
        this.clock = clock;
    }

    public synchronized KbsCredentials credentials()
            throws KbsProtocolException, AttestationException, InterruptedException {
        Instant now = clock.instant();
        if (cached != null && cached.token().usableAt(now, EXPIRY_MARGIN_SECONDS)) {
            return cached;
        }
        TeeKeyPair key = TeeKeyPair.generate(keyAlgorithm);
        KbsToken token = client.attest(attester, key, initDataToml);
        cached = new KbsCredentials(token, key);
        LOG.info(() -> "attested to the KBS as " + attester.tee().wireName() + "; token valid until "
                + (token.expiry() == null ? "(no expiry)" : token.expiry()));
        return cached;
    }
}
