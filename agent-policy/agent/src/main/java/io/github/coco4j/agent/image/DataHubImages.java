package io.github.coco4j.agent.image;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.proto.cdh.ImagePullRequest;
import io.github.coco4j.proto.cdh.ImagePullResponse;
import io.github.coco4j.proto.cdh.ImagePullServiceGrpc;
import io.github.coco4j.wire.GrpcBackend;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * The confidential data hub's {@code api.ImagePullService} as the agent calls it: the image into
 * {@code <bundle>/rootfs} (and its runtime config into {@code <bundle>/config.json}).
 */
public final class DataHubImages implements AutoCloseable {
    private final GrpcBackend hub;

    public DataHubImages(String address, Duration timeout) {
        this.hub = new GrpcBackend("the confidential data hub", address, timeout);
    }

    /** Pulls {@code image} into {@code bundle}; returns its manifest digest. */
    String pull(String image, Path bundle) {
        ImagePullRequest request = ImagePullRequest.newBuilder().setImageUrl(image).setBundlePath(bundle.toString()).build();
        try {
            ImagePullResponse answer = hub.<ImagePullServiceGrpc.ImagePullServiceStub, ImagePullResponse>call(
                    ImagePullServiceGrpc::newStub, (stub, observer) -> stub.pullImage(request, observer)).get();
            return answer.getManifestDigest();
        } catch (ExecutionException e) {
            throw failure(image, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(AgentException.Kind.INTERNAL, "interrupted while pulling " + image);
        }
    }

    /** The data hub's reason, unchanged after the image's name; a hub out of reach is UNAVAILABLE. */
    private static AgentException failure(String image, Throwable cause) {
        Status.Code code = Status.fromThrowable(cause).getCode();
        AgentException.Kind kind = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                ? AgentException.Kind.UNAVAILABLE : AgentException.Kind.INTERNAL;
        return new AgentException(kind, "image_guest_pull of " + image + ": " + cause.getMessage());
    }

    @Override
    public void close() {
        hub.close();
    }
}
