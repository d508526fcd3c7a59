package io.github.coco4j.cdh.rest;

import com.google.protobuf.ByteString;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc.AttestationAgentServiceStub;
import io.github.coco4j.proto.aa.GetAdditionalEvidenceRequest;
import io.github.coco4j.proto.aa.GetAdditionalTeesRequest;
import io.github.coco4j.proto.aa.GetAdditionalTeesResponse;
import io.github.coco4j.proto.aa.GetEvidenceRequest;
import io.github.coco4j.proto.aa.GetEvidenceResponse;
import io.github.coco4j.proto.aa.GetTeeTypeRequest;
import io.github.coco4j.proto.aa.GetTeeTypeResponse;
import io.github.coco4j.proto.aa.GetTokenRequest;
import io.github.coco4j.proto.aa.GetTokenResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The attestation agent's service, called asynchronously (the module's blocking
 * {@code AttestationAgentClient} would hold an HTTP thread for the length of a KBS handshake).
 */
final class AaClient implements AutoCloseable {
    static final String DEFAULT_SOCKET =
            "unix:///run/confidential-containers/attestation-agent/attestation-agent.sock";

    private final GrpcBackend backend;

    AaClient(String address, Duration deadline) {
        this.backend = new GrpcBackend("the attestation agent", address, deadline);
    }

    private <T> CompletableFuture<T> call(String failure, BiConsumer<AttestationAgentServiceStub, StreamObserver<T>> rpc) {
        return backend.call(failure, AttestationAgentServiceGrpc::newStub, rpc);
    }

    CompletableFuture<byte[]> evidence(byte[] runtimeData) {
        GetEvidenceRequest request = GetEvidenceRequest.newBuilder()
                .setRuntimeData(ByteString.copyFrom(runtimeData)).build();
        return this.<GetEvidenceResponse>call("Failed to get evidence",
                (stub, observer) -> stub.getEvidence(request, observer)).thenApply(r -> r.getEvidence().toByteArray());
    }

    CompletableFuture<byte[]> additionalEvidence(byte[] runtimeData) {
        GetAdditionalEvidenceRequest request = GetAdditionalEvidenceRequest.newBuilder()
                .setRuntimeData(ByteString.copyFrom(runtimeData)).build();
        return this.<GetEvidenceResponse>call("Failed to get additional evidence",
                        (stub, observer) -> stub.getAdditionalEvidence(request, observer))
                .thenApply(r -> r.getEvidence().toByteArray());
    }

    /** The token document ({@code {"token","tee_keypair"}} for kbs); it holds a private key. */
    CompletableFuture<byte[]> token(String type) {
        GetTokenRequest request = GetTokenRequest.newBuilder().setTokenType(type).build();
        return this.<GetTokenResponse>call("Failed to get token",
                (stub, observer) -> stub.getToken(request, observer)).thenApply(r -> r.getToken().toByteArray());
    }

    CompletableFuture<String> teeType() {
        return this.<GetTeeTypeResponse>call("Failed to get TEE type",
                (stub, observer) -> stub.getTeeType(GetTeeTypeRequest.getDefaultInstance(), observer))
                .thenApply(GetTeeTypeResponse::getTee);
    }

    /** None from an agent that predates the call: {@code /info} must not fail because of that. */
    CompletableFuture<List<String>> additionalTees() {
        return this.<GetAdditionalTeesResponse>call("Failed to get additional TEEs",
                        (stub, observer) -> stub.getAdditionalTees(GetAdditionalTeesRequest.getDefaultInstance(), observer))
                .<List<String>>thenApply(r -> List.copyOf(r.getAdditionalTeesList()))
                .exceptionallyCompose(error -> Status.fromThrowable(error).getCode() == Status.Code.UNIMPLEMENTED
                        ? CompletableFuture.completedFuture(List.of()) : CompletableFuture.failedFuture(error));
    }

    @Override
    public void close() {
        backend.close();
    }
}
