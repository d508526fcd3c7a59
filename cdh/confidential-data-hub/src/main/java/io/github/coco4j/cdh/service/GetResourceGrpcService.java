package io.github.coco4j.cdh.service;

import com.google.protobuf.ByteString;
import io.github.coco4j.cdh.kbc.Kbc;
import io.github.coco4j.cdh.kbc.KbcException;
import io.github.coco4j.cdh.kbc.ResourceUri;
import io.github.coco4j.proto.cdh.GetResourceRequest;
import io.github.coco4j.proto.cdh.GetResourceResponse;
import io.github.coco4j.proto.cdh.GetResourceServiceGrpc;
import io.github.coco4j.wire.ServiceErrors;
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
        ServiceErrors.answer(response, GetResourceGrpcService::statusOf, () -> {
            byte[] resource;
            try {
                resource = kbc.getResource(uri);
            } catch (KbcException e) {
                LOG.info(() -> "get resource " + uri + " failed: " + e.getMessage());
                throw e;
            }
            LOG.fine(() -> "served " + uri + " (" + resource.length + " bytes)");
            return GetResourceResponse.newBuilder().setResource(ByteString.copyFrom(resource)).build();
        });
    }

    /** The KBC's failures say whether the resource exists. */
    private static Status statusOf(Throwable failure) {
        return failure instanceof KbcException e ? (e.notFound() ? Status.NOT_FOUND : Status.INTERNAL)
                .withDescription("get resource failed: " + e.getMessage()) : null;
    }
}
