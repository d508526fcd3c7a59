package io.github.coco4j.cdh.image.pull;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.crypt.LayerDecryption;
import io.github.coco4j.cdh.image.layer.BlobStore;
import io.github.coco4j.cdh.image.layer.VerifiedInputStream;
import io.github.coco4j.cdh.image.manifest.Descriptor;
import io.github.coco4j.cdh.image.manifest.ImageConfigBlob;
import io.github.coco4j.cdh.image.manifest.Manifests;
import io.github.coco4j.cdh.image.manifest.Manifests.ImageManifest;
import io.github.coco4j.cdh.image.manifest.MediaTypes;
import io.github.coco4j.cdh.image.manifest.Platform;
import io.github.coco4j.cdh.image.policy.ImageFacts;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.reference.ImageReference;
import io.github.coco4j.cdh.image.registry.FetchedManifest;
import io.github.coco4j.cdh.image.registry.RegistryClient;
import io.github.coco4j.cdh.image.registry.RegistryRules.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The data hub's image pull: reference → registry endpoints (mirrors first) → manifest (through an
 * index for the guest's platform) → config → signature policy → layers → {@code <bundle>/rootfs}, with
 * the runtime config image-rs writes beside it ({@code <bundle>/config.json}).
 * The policy is decided before any layer is fetched; the rootfs appears only when every layer verified.
 */
public final class ImagePuller {
    private static final Logger LOG = Logger.getLogger(ImagePuller.class.getName());

    private final PullContext context;
    private final Platform platform;
    private final LayerPipeline layers;

    public ImagePuller(PullContext context, Platform platform) throws ImageException {
        this.context = context;
        this.platform = platform;
        try {
            this.layers = new LayerPipeline(new BlobStore(context.config().workDir()), new LayerDecryption(context.resources()),
                    context.config().limits(), context.config().maxConcurrentLayerDownloads());
        } catch (IOException e) {
            throw new ImageException(Stage.CONFIGURATION, "work_dir " + context.config().workDir() + ": " + e.getMessage(), e);
        }
    }

    /** Pulls the image into {@code <bundle>/rootfs}; returns the digest of its per-platform manifest. */
    public Digest pull(String imageUrl, Path bundle) throws ImageException {
        ImageReference reference;
        try {
            reference = ImageReference.parse(imageUrl);
        } catch (IllegalArgumentException e) {
            throw new ImageException(Stage.MANIFEST, e.getMessage());
        }
        List<Endpoint> endpoints = context.rules().endpoints(reference);
        List<String> failures = new ArrayList<>();
        ImageException last = null;
        for (Endpoint endpoint : endpoints) {
            try {
                return pullFrom(reference, endpoint, bundle);
            } catch (ImageException e) {
                LOG.info(() -> "pull of " + reference + " from " + endpoint.reference().registry() + " failed: " + e.getMessage());
                failures.add(endpoint.reference().registry() + ": " + e.getMessage());
                last = e;
            }
        }
        if (endpoints.size() == 1) {
            throw last;
        }
        throw new ImageException(last.stage(), "every place to pull " + reference + " from failed: " + String.join("; ", failures), last);
    }

    private Digest pullFrom(ImageReference requested, Endpoint endpoint, Path bundle) throws ImageException {
        RegistryClient registry = client(endpoint);
        ResolvedImage image = resolve(registry, endpoint.reference());
        if (context.policy().isPresent()) {
            // Signatures are fetched over HTTPS whatever the registry rule says, as upstream's cosign client does.
            RegistryClient signatures = client(new Endpoint(endpoint.reference(), false));
            context.policy().get().check(new ImageFacts(requested, image.manifestDigest(), image.indexDigest(),
                    signatureSource(signatures)));
        }
        try (BundleRootfs rootfs = BundleRootfs.open(bundle)) {
            layers.pull(registry, image, rootfs.directory());
            // The rootfs appears last: a bundle with one has its runtime config too.
            BundleRuntimeConfig.write(bundle, image.config().document());
            rootfs.commit();
        }
        LOG.info(() -> "pulled " + requested + " (" + image.manifestDigest() + ") into " + bundle);
        return image.manifestDigest();
    }

    private RegistryClient client(Endpoint endpoint) {
        return new RegistryClient(context.http(), endpoint, context.credentials().lookup(endpoint.reference()),
                context.config().limits().requestTimeout());
    }

    private ResolvedImage resolve(RegistryClient registry, ImageReference reference) throws ImageException {
        int maxBytes = context.config().limits().documentBytes();
        FetchedManifest fetched = registry.manifest(reference.manifestReference(), maxBytes);
        Optional<Digest> indexDigest = Optional.empty();
        String mediaType = Manifests.mediaType(fetched);
        if (MediaTypes.isIndex(mediaType)) {
            indexDigest = Optional.of(fetched.digest());
            Descriptor entry = platform.select(Manifests.index(fetched.body()));
            fetched = registry.manifest(entry.digest().toString(), maxBytes);
            mediaType = Manifests.mediaType(fetched);
        }
        ImageManifest manifest = Manifests.manifest(fetched.body(), mediaType);
        ImageConfigBlob config = ImageConfigBlob.parse(blob(registry, manifest.config()));
        if (!config.os().equals("linux")) {
            throw new ImageException(Stage.MANIFEST, "image os is \"" + config.os() + "\", not linux");
        }
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new ImageException(Stage.MANIFEST, "the config lists " + config.diffIds().size() + " diff_ids for "
                    + manifest.layers().size() + " layers");
        }
        return new ResolvedImage(manifest, fetched.digest(), indexDigest, config);
    }

    /** A small blob (config, signature payload) read whole: bounded, of its descriptor's size, verified. */
    private byte[] blob(RegistryClient registry, Descriptor descriptor) throws ImageException {
        return smallBlob(registry, descriptor.digest(), descriptor.size());
    }

    private byte[] smallBlob(RegistryClient registry, Digest digest, long size) throws ImageException {
        long max = Math.min(size, context.config().limits().documentBytes());
        if (size > max) {
            throw new ImageException(Stage.MANIFEST, "blob " + digest + " of " + size + " bytes is larger than "
                    + context.config().limits().documentBytes() + " bytes");
        }
        try (InputStream in = new VerifiedInputStream(registry.blob(digest, context.config().limits().idleTimeout()), digest, max,
                "blob " + digest)) {
            byte[] body = in.readAllBytes();
            if (body.length != size) {
                throw new ImageException(Stage.MANIFEST, "blob " + digest + " has " + body.length + " bytes, its descriptor says " + size);
            }
            return body;
        } catch (ImageException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageException(Stage.MANIFEST, e.getMessage(), e);
        }
    }

    private ImageFacts.SignatureSource signatureSource(RegistryClient registry) {
        return new ImageFacts.SignatureSource() {
            @Override
            public byte[] manifest(String tag) throws ImageException {
                return registry.manifest(tag, context.config().limits().documentBytes()).body();
            }

            @Override
            public byte[] blob(Digest digest, long size) throws ImageException {
                return smallBlob(registry, digest, size);
            }
        };
    }
}
