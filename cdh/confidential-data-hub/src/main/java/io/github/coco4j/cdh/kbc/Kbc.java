package io.github.coco4j.cdh.kbc;

import java.time.Instant;
import java.util.Optional;

/** A key broker client: where the hub's resources come from. */
public interface Kbc {
    byte[] getResource(ResourceUri uri) throws KbcException, InterruptedException;

    /** When the credentials the last resource was fetched with expire, when the KBC has any. */
    default Optional<Instant> credentialsExpiry() {
        return Optional.empty();
    }
}
