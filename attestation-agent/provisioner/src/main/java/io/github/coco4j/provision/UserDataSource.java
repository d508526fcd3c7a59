package io.github.coco4j.provision;

import java.io.IOException;
import java.time.Duration;

/** Where the VM's cloud-init user-data comes from. */
public interface UserDataSource {
    /** A name for messages, e.g. {@code file:/media/cidata/user-data} or {@code azure}. */
    String name();

    /**
     * The user-data, or an {@link IOException} when it is not available (yet): the provisioner
     * retries until its deadline. {@code timeout} bounds this one attempt.
     */
    byte[] fetch(Duration timeout) throws IOException;

    /**
     * Whether the fetched bytes are an initdata annotation rather than a cloud-config document
     * (the {@code initdata:PATH} source).
     */
    default boolean isAnnotation() {
        return false;
    }
}
