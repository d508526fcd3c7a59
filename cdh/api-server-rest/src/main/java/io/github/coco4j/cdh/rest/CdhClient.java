package io.github.coco4j.cdh.rest;

import io.github.coco4j.proto.cdh.GetResourceRequest;
import io.github.coco4j.proto.cdh.GetResourceResponse;
import io.github.coco4j.proto.cdh.GetResourceServiceGrpc;
import io.github.coco4j.proto.cdh.GetResourceServiceGrpc.GetResourceServiceStub;
import io.github.coco4j.wire.GrpcBackend;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The data hub's GetResourceService, as the REST server calls it. */
final class CdhClient implements ResourceSource {
    private final GrpcBackend backend;

    CdhClient(String address, Duration deadline) {
        this.backend = new GrpcBackend("the confidential data hub", address, deadline);
    }

    @Override
    public CompletableFuture<byte[]> resource(ResourcePath path) {
        GetResourceRequest request = GetResourceRequest.newBuilder().setResourcePath(path.kbsUri()).build();
        return backend.<GetResourceServiceStub, GetResourceResponse>call(
                        GetResourceServiceGrpc::newStub, (stub, observer) -> stub.getResource(request, observer))
                .thenApply(response -> response.getResource().toByteArray());
    }

    @Override
    public void close() {
        backend.close();
    }
}
