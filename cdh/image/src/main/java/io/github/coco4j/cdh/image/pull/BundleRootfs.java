package io.github.coco4j.cdh.image.pull;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.layer.LayerUnpacker;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code <bundle>/rootfs}, made whole or not at all: layers go into a hidden directory beside it,
 * renamed to {@code rootfs} once every layer verified; a failure removes it.
 */
final class BundleRootfs implements AutoCloseable {
    static final String ROOTFS = "rootfs";

    private final Path bundle;
    private final Path partial;
    private boolean committed;

    private BundleRootfs(Path bundle, Path partial) {
        this.bundle = bundle;
        this.partial = partial;
    }

    static BundleRootfs open(Path bundle) throws ImageException {
        try {
            Files.createDirectories(bundle);
            Path rootfs = bundle.resolve(ROOTFS);
            if (Files.exists(rootfs) && !isEmptyDirectory(rootfs)) {
                throw new ImageException(Stage.BUNDLE, rootfs + " already exists and is not empty");
            }
            return new BundleRootfs(bundle, Files.createTempDirectory(bundle, ".rootfs-"));
        } catch (IOException e) {
            throw e instanceof ImageException image ? image
                    : new ImageException(Stage.BUNDLE, "cannot prepare bundle " + bundle + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    Path directory() {
        return partial;
    }

    void commit() throws ImageException {
        Path rootfs = bundle.resolve(ROOTFS);
        try {
            Files.setAttribute(partial, "unix:mode", 0755);
            Files.deleteIfExists(rootfs);
            Files.move(partial, rootfs, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (IOException e) {
            throw new ImageException(Stage.BUNDLE, "cannot move the rootfs into " + rootfs + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws ImageException {
        if (committed) {
            return;
        }
        try {
            LayerUnpacker.deleteTree(partial);
        } catch (IOException e) {
            throw new ImageException(Stage.BUNDLE, "cannot remove the partial rootfs " + partial + ": " + e.getMessage(), e);
        }
    }
}
