package io.github.coco4j.cdh.kbc;

import java.time.Instant;
import java.util.Optional;

/** A key broker client: where the hub's resources come from. */
public interface Kbc {
    byte[] getResource(ResourceUri uri) throws KbcException, InterruptedException;

    /**
     * The resource if this KBC holds it at hand (no KBS round trip, never blocking), so that a
     * caller on an event loop may answer at once; empty otherwise.
     */
    default Optional<byte[]> cached(ResourceUri uri) {
        return Optional.empty();
    }

    /** When the credentials the last resource was fetched with expire, when the KBC has any. */
    default Optional<Instant> credentialsExpiry() {
        return Optional.empty();
    }
}
