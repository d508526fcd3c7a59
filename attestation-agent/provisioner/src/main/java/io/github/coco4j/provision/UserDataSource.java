package io.github.coco4j.provision;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/** Where the VM's cloud-init user-data comes from. */
public interface UserDataSource {
    /**
     * The most user-data read: clouds allow 16 KiB (AWS) to 256 KiB (GCP), and an initdata with a
     * generated policy is tens of KiB. The bound caps memory and the YAML parser's time.
     */
    int MAX_BYTES = 1024 * 1024;

    /** User-data over {@link #MAX_BYTES}: waiting would not change it, so it is not retried. */
    final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String from) {
            super("user-data from " + from + " is larger than " + MAX_BYTES + " bytes");
        }
    }

    /** Reads {@code in} up to {@link #MAX_BYTES}, refusing more. */
    static byte[] readBounded(InputStream in, String from) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new TooLargeException(from);
            }
            return bytes;
        }
    }

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
