package io.github.coco4j.cdh.service;

import io.github.coco4j.aa.client.AttestationAgentException;
import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.config.ImagePullConfig;
import io.github.coco4j.cdh.image.manifest.Platform;
import io.github.coco4j.cdh.image.pull.ImagePuller;
import io.github.coco4j.cdh.kbc.Kbc;
import io.github.coco4j.proto.cdh.ImagePullRequest;
import io.github.coco4j.proto.cdh.ImagePullResponse;
import io.github.coco4j.proto.cdh.ImagePullServiceGrpc;
import io.github.coco4j.wire.ServiceErrors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * {@code api.ImagePullService}: the image into {@code <bundle_path>/rootfs}, answered with its
 * manifest digest, once the pull is recorded in the runtime measurement ({@link PullMeasurement}). The puller is built on the first request and kept, as upstream's; when building it
 * fails (a policy or credentials resource unavailable), the next request tries again.
 */
public final class ImagePullGrpcService extends ImagePullServiceGrpc.ImagePullServiceImplBase {
    private static final Logger LOG = Logger.getLogger(ImagePullGrpcService.class.getName());

    private final ImagePullConfig config;
    private final Kbc kbc;
    private final PullMeasurement measurement;
    private ImagePuller puller;

    public ImagePullGrpcService(ImagePullConfig config, Kbc kbc, PullMeasurement measurement) {
        this.config = config;
        this.kbc = kbc;
        this.measurement = measurement;
    }

    private synchronized ImagePuller puller() throws ImageException {
        if (puller == null) {
            puller = ImagePulls.create(config, kbc, Platform.current());
        }
        return puller;
    }

    @Override
    public void pullImage(ImagePullRequest request, StreamObserver<ImagePullResponse> response) {
        if (request.getImageUrl().isEmpty() || !Path.of(request.getBundlePath()).isAbsolute()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("image_url and an absolute bundle_path are required")
                    .asRuntimeException());
            return;
        }
        ServiceErrors.answer(response, ImagePullGrpcService::statusOf, () -> {
            String digest = puller().pull(request.getImageUrl(), Path.of(request.getBundlePath())).toString();
            LOG.info(() -> "pulled " + request.getImageUrl() + " (" + digest + ") into " + request.getBundlePath());
            measurement.record(request.getImageUrl(), digest);
            return ImagePullResponse.newBuilder().setManifestDigest(digest).build();
        });
    }

    /** A policy refusal is a denial; every other failure names its stage. */
    private static Status statusOf(Throwable failure) {
        if (failure instanceof AttestationAgentException e) {
            return Status.INTERNAL.withDescription("pull image failed (measurement): " + e.getMessage());
        }
        if (!(failure instanceof ImageException e)) {
            return null;
        }
        Status status = e.stage() == ImageException.Stage.POLICY ? Status.PERMISSION_DENIED : Status.INTERNAL;
        return status.withDescription("pull image failed (" + e.stage().name().toLowerCase() + "): " + e.getMessage());
    }
}
