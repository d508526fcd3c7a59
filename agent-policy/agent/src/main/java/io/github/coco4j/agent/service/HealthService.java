package io.github.coco4j.agent.service;

import io.github.coco4j.proto.kata.CheckRequest;
import io.github.coco4j.proto.kata.HealthCheckResponse;
import io.github.coco4j.proto.kata.HealthGrpc;
import io.github.coco4j.proto.kata.VersionCheckResponse;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

/** Health: Check and Version, not gated by the policy (as in Kata). */
public final class HealthService extends HealthGrpc.HealthImplBase {
    @Override
    public void check(CheckRequest request, StreamObserver<HealthCheckResponse> response) {
        response.onNext(HealthCheckResponse.newBuilder().setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
        response.onCompleted();
    }

    @Override
    public void version(CheckRequest request, StreamObserver<VersionCheckResponse> response) {
        String grpc = ManagedChannel.class.getPackage().getImplementationVersion();
        response.onNext(VersionCheckResponse.newBuilder().setAgentVersion(AgentService.VERSION)
                .setGrpcVersion(grpc == null ? "" : grpc).build());
        response.onCompleted();
    }
}
