package io.github.coco4j.cdh.image.pull;

import io.github.coco4j.errors.Failures;
import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.config.Limits;
import io.github.coco4j.cdh.image.crypt.LayerDecryption;
import io.github.coco4j.cdh.image.layer.BlobStore;
import io.github.coco4j.cdh.image.layer.Decompression;
import io.github.coco4j.cdh.image.layer.LayerMediaType;
import io.github.coco4j.cdh.image.layer.LayerUnpacker;
import io.github.coco4j.cdh.image.layer.VerifiedInputStream;
import io.github.coco4j.cdh.image.manifest.Descriptor;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.registry.RegistryClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Layers from the registry into a rootfs: blobs downloaded into the shared store, at most
 * {@code concurrency} at a time and each distinct digest once; applied in order, each as soon as its
 * blob is stored, decrypted when encrypted, decompressed, and checked against its diff_id while it is
 * unpacked.
 */
final class LayerPipeline {
    private final BlobStore store;
    private final LayerDecryption decryption;
    private final Limits limits;
    private final int concurrency;

    LayerPipeline(BlobStore store, LayerDecryption decryption, Limits limits, int concurrency) {
        this.store = store;
        this.decryption = decryption;
        this.limits = limits;
        this.concurrency = concurrency;
    }

    void pull(RegistryClient registry, ResolvedImage image, Path rootfs) throws ImageException {
        List<Descriptor> layers = image.manifest().layers();
        List<LayerMediaType> types = new ArrayList<>();
        for (Descriptor layer : layers) {
            types.add(LayerMediaType.of(layer.mediaType()));
        }
        LayerUnpacker unpacker = unpacker(rootfs);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, layers.size())), r -> {
            Thread t = new Thread(r, "layer-download");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Digest, Future<Path>> downloads = download(pool, registry, layers);
            long budget = limits.totalBytes();
            for (int i = 0; i < layers.size(); i++) {
                // Each layer is unpacked as soon as it is stored, while the later ones still download.
                Digest digest = layers.get(i).digest();
                String name = "layer " + (i + 1) + " (" + digest + ")";
                budget -= apply(unpacker, await(downloads.get(digest), digest), layers.get(i), types.get(i),
                        image.config().diffIds().get(i), Math.min(limits.layerBytes(), budget), name);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each distinct blob's download, in the order of the layers. */
    private Map<Digest, Future<Path>> download(ExecutorService pool, RegistryClient registry, List<Descriptor> layers) {
        Map<Digest, Future<Path>> pending = new LinkedHashMap<>();
        for (Descriptor d : layers) {
            pending.computeIfAbsent(d.digest(), digest -> pool.submit(() -> store.fetch(digest, d.size(),
                    () -> registry.blob(digest, limits.idleTimeout()))));
        }
        return pending;
    }

    private static Path await(Future<Path> download, Digest digest) throws ImageException {
        try {
            return download.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(Stage.TRANSPORT, "interrupted while downloading " + digest);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageException image) {
                throw image;
            }
            throw new ImageException(Stage.LAYER, "layer " + digest + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static LayerUnpacker unpacker(Path rootfs) throws ImageException {
        try {
            // Ownership can only be given by root; anyone else unpacks as themselves, as rootless tools do.
            boolean root = ((Integer) Files.getAttribute(rootfs, "unix:uid")) == 0;
            return new LayerUnpacker(rootfs, root);
        } catch (IOException e) {
            throw new ImageException(Stage.BUNDLE, "rootfs " + rootfs + ": " + e.getMessage(), e);
        }
    }

    private long apply(LayerUnpacker unpacker, Path blob, Descriptor layer, LayerMediaType type, Digest diffId,
                       long bound, String name) throws ImageException {
        try (InputStream stored = new BufferedInputStream(Files.newInputStream(blob), 64 * 1024)) {
            InputStream plain = type.encrypted() ? decryption.decrypt(stored, layer.annotations(), name) : stored;
            VerifiedInputStream tar = new VerifiedInputStream(Decompression.open(type.compression(), plain), diffId, bound,
                    name + " (uncompressed)");
            unpacker.apply(tar, name);
            tar.drainAndVerify();
            return tar.count();
        } catch (ImageException e) {
            throw e;
        } catch (IOException e) {
            String message = Failures.describe(e);
            throw new ImageException(Stage.LAYER, message.startsWith("layer") ? message : name + ": " + message, e);
        }
    }
}
