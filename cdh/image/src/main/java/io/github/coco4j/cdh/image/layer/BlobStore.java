package io.github.coco4j.cdh.image.layer;

import io.github.coco4j.cdh.image.reference.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Verified blobs under {@code <work_dir>/blobs/<algorithm>/<hex>}, shared by every image that has
 * them: a blob enters only whole, of its descriptor's size and digest, by an atomic rename.
 */
public final class BlobStore {
    /** Opens the blob's bytes at the registry. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private final Path blobs;
    private final Path incoming;

    public BlobStore(Path workDir) throws IOException {
        this.blobs = workDir.resolve("blobs");
        this.incoming = blobs.resolve("incoming");
        Files.createDirectories(incoming);
    }

    public Path path(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.hex());
    }

    /** The stored blob, fetched first when it is not there yet. */
    public Path fetch(Digest digest, long size, Source source) throws IOException {
        Path stored = path(digest);
        if (Files.isRegularFile(stored)) {
            return stored;
        }
        Path partial = Files.createTempFile(incoming, digest.hex(), ".partial");
        try {
            try (InputStream in = new VerifiedInputStream(source.open(), digest, size, "blob " + digest)) {
                long copied = Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                if (copied != size) {
                    throw new IOException("blob " + digest + " has " + copied + " bytes, its descriptor says " + size);
                }
            }
            Files.createDirectories(stored.getParent());
            Files.move(partial, stored, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return stored;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
