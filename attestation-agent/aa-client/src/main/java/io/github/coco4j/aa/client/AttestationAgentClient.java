package io.github.coco4j.aa.client;

import com.google.protobuf.ByteString;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc.AttestationAgentServiceStub;
import io.github.coco4j.proto.aa.ExtendRuntimeMeasurementRequest;
import io.github.coco4j.proto.aa.ExtendRuntimeMeasurementResponse;
import io.github.coco4j.proto.aa.GetAdditionalEvidenceRequest;
import io.github.coco4j.proto.aa.GetAdditionalTeesRequest;
import io.github.coco4j.proto.aa.GetAdditionalTeesResponse;
import io.github.coco4j.proto.aa.GetEvidenceRequest;
import io.github.coco4j.proto.aa.GetEvidenceResponse;
import io.github.coco4j.proto.aa.GetTeeTypeRequest;
import io.github.coco4j.proto.aa.GetTeeTypeResponse;
import io.github.coco4j.proto.aa.GetTokenRequest;
import io.github.coco4j.proto.aa.GetTokenResponse;
import io.github.coco4j.proto.aa.RuntimeMeasurementResult;
import io.github.coco4j.wire.GrpcBackend;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * A client of the attestation agent's gRPC service, for the guest's other components. Each call
 * comes in two forms: asynchronous ({@code ...Async}), for callers that must not hold a thread for
 * the length of a KBS handshake, whose futures fail with {@link io.github.coco4j.wire.BackendException};
 * and blocking, whose failures are {@link AttestationAgentException}s naming the call.
 */
public final class AttestationAgentClient implements AutoCloseable {
    private final GrpcBackend backend;

    private AttestationAgentClient(GrpcBackend backend) {
        this.backend = backend;
    }

    /**
     * @param address {@code unix:///path} (or a bare path); nothing connects before the first call
     * @param deadline how long one call may take (attesting to a KBS can take seconds)
     */
    public static AttestationAgentClient connect(String address, Duration deadline) {
        return new AttestationAgentClient(new GrpcBackend("the attestation agent", address, deadline));
    }

    private <T> CompletableFuture<T> call(BiConsumer<AttestationAgentServiceStub, StreamObserver<T>> rpc) {
        return backend.call(AttestationAgentServiceGrpc::newStub, rpc);
    }

    /** Evidence JSON bound to {@code runtimeData}. */
    public CompletableFuture<byte[]> evidenceAsync(byte[] runtimeData) {
        GetEvidenceRequest request = GetEvidenceRequest.newBuilder()
                .setRuntimeData(ByteString.copyFrom(runtimeData)).build();
        return this.<GetEvidenceResponse>call((stub, observer) -> stub.getEvidence(request, observer))
                .thenApply(r -> r.getEvidence().toByteArray());
    }

    public CompletableFuture<byte[]> additionalEvidenceAsync(byte[] runtimeData) {
        GetAdditionalEvidenceRequest request = GetAdditionalEvidenceRequest.newBuilder()
                .setRuntimeData(ByteString.copyFrom(runtimeData)).build();
        return this.<GetEvidenceResponse>call((stub, observer) -> stub.getAdditionalEvidence(request, observer))
                .thenApply(r -> r.getEvidence().toByteArray());
    }

    /** The token answer, {@code {"token":"<JWT>","tee_keypair":"<PEM>"}} for type {@code kbs}. It holds a secret. */
    public CompletableFuture<byte[]> tokenAsync(String type) {
        GetTokenRequest request = GetTokenRequest.newBuilder().setTokenType(type).build();
        return this.<GetTokenResponse>call((stub, observer) -> stub.getToken(request, observer))
                .thenApply(r -> r.getToken().toByteArray());
    }

    public CompletableFuture<String> teeTypeAsync() {
        return this.<GetTeeTypeResponse>call((stub, observer) ->
                stub.getTeeType(GetTeeTypeRequest.getDefaultInstance(), observer)).thenApply(GetTeeTypeResponse::getTee);
    }

    /** None from an agent that predates the call, so that a caller's summary need not fail because of it. */
    public CompletableFuture<List<String>> additionalTeesAsync() {
        return this.<GetAdditionalTeesResponse>call((stub, observer) ->
                        stub.getAdditionalTees(GetAdditionalTeesRequest.getDefaultInstance(), observer))
                .<List<String>>thenApply(r -> List.copyOf(r.getAdditionalTeesList()))
                .exceptionallyCompose(error -> Status.fromThrowable(error).getCode() == Status.Code.UNIMPLEMENTED
                        ? CompletableFuture.completedFuture(List.of()) : CompletableFuture.failedFuture(error));
    }

    /** Records an event; {@code pcr} null means the agent's configured default register. */
    public CompletableFuture<RuntimeMeasurementResult> extendRuntimeMeasurementAsync(
            String domain, String operation, String content, Integer pcr) {
        ExtendRuntimeMeasurementRequest.Builder request = ExtendRuntimeMeasurementRequest.newBuilder()
                .setDomain(domain).setOperation(operation).setContent(content);
        if (pcr != null) {
            request.setRegisterIndex(pcr);
        }
        return this.<ExtendRuntimeMeasurementResponse>call((stub, observer) ->
                stub.extendRuntimeMeasurement(request.build(), observer)).thenApply(r -> r.getResult());
    }

    public byte[] evidence(byte[] runtimeData) throws AttestationAgentException {
        return await("GetEvidence", evidenceAsync(runtimeData));
    }

    public byte[] token(String type) throws AttestationAgentException {
        return await("GetToken", tokenAsync(type));
    }

    public String teeType() throws AttestationAgentException {
        return await("GetTeeType", teeTypeAsync());
    }

    public RuntimeMeasurementResult extendRuntimeMeasurement(String domain, String operation, String content,
                                                             Integer pcr) throws AttestationAgentException {
        return await("ExtendRuntimeMeasurement", extendRuntimeMeasurementAsync(domain, operation, content, pcr));
    }

    /** The answer of a call whose deadline bounds the wait. */
    private static <T> T await(String call, CompletableFuture<T> answer) throws AttestationAgentException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw AttestationAgentException.of(call, Status.fromThrowable(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AttestationAgentException.of(call, Status.CANCELLED.withDescription("interrupted"), e);
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
