package io.github.coco4j.cdh.image.resource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resource URIs as upstream's image client reads them: {@code kbs:///repo/type/tag} (or
 * {@code kbs+plugin://}) from the data hub's key broker client, {@code file:///path} or a bare
 * absolute path from the guest's files; anything else is an error. Resources are bounded in size.
 */
public final class Resources {
    public static final int MAX_BYTES = 4 << 20;

    /** The data hub's own resource path: what GetResource would answer for this URI. */
    @FunctionalInterface
    public interface KbsResources {
        byte[] get(String kbsUri) throws IOException;
    }

    private final KbsResources kbs;

    public Resources(KbsResources kbs) {
        this.kbs = kbs;
    }

    public byte[] fetch(String uri) throws IOException {
        if (uri.startsWith("kbs://") || uri.startsWith("kbs+")) {
            return kbs.get(uri);
        }
        Path file;
        if (uri.startsWith("file://")) {
            file = Path.of(URI.create(uri).getPath());
        } else if (uri.startsWith("/")) {
            file = Path.of(uri);
        } else {
            throw new IOException("resource " + uri + ": only kbs://, file:// and absolute paths are supported");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw new IOException("resource " + uri + " is larger than " + MAX_BYTES + " bytes");
            }
            return content;
        }
    }
}
