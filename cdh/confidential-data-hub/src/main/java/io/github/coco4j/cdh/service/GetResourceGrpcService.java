package io.github.coco4j.cdh.service;

import com.google.protobuf.ByteString;
import io.github.coco4j.cdh.kbc.Kbc;
import io.github.coco4j.cdh.kbc.KbcException;
import io.github.coco4j.cdh.kbc.ResourceUri;
import io.github.coco4j.proto.cdh.GetResourceRequest;
import io.github.coco4j.proto.cdh.GetResourceResponse;
import io.github.coco4j.proto.cdh.GetResourceServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.logging.Logger;

/** {@code api.GetResourceService}: a resource from the KBC, by its kbs:// URI. The contents are never logged. */
public final class GetResourceGrpcService extends GetResourceServiceGrpc.GetResourceServiceImplBase {
    private static final Logger LOG = Logger.getLogger(GetResourceGrpcService.class.getName());

    private final Kbc kbc;

    public GetResourceGrpcService(Kbc kbc) {
        this.kbc = kbc;
    }

    @Override
    public void getResource(GetResourceRequest request, StreamObserver<GetResourceResponse> response) {
        ResourceUri uri;
        try {
            uri = ResourceUri.parse(request.getResourcePath());
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        try {
            byte[] resource = kbc.getResource(uri);
            LOG.fine(() -> "served " + uri + " (" + resource.length + " bytes)");
            response.onNext(GetResourceResponse.newBuilder().setResource(ByteString.copyFrom(resource)).build());
            response.onCompleted();
        } catch (KbcException e) {
            LOG.info(() -> "get resource " + uri + " failed: " + e.getMessage());
            Status status = e.notFound() ? Status.NOT_FOUND : Status.INTERNAL;
            response.onError(status.withDescription("get resource failed: " + e.getMessage()).asRuntimeException());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
        }
    }
}
