package io.github.coco4j.aa.client;

import com.google.protobuf.ByteString;
import io.github.coco4j.wire.GrpcUnixSockets;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc;
import io.github.coco4j.proto.aa.ExtendRuntimeMeasurementRequest;
import io.github.coco4j.proto.aa.GetEvidenceRequest;
import io.github.coco4j.proto.aa.GetTeeTypeRequest;
import io.github.coco4j.proto.aa.GetTokenRequest;
import io.github.coco4j.proto.aa.RuntimeMeasurementResult;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A client of the attestation agent's gRPC service on its unix socket, for the guest's other
 * components. Failures surface as {@link AttestationAgentException} carrying the agent's message.
 */
public final class AttestationAgentClient implements AutoCloseable {
    public static final String DEFAULT_SOCKET =
            "unix:///run/confidential-containers/attestation-agent/attestation-agent.sock";

    private final GrpcUnixSockets.Channel channel;
    private final AttestationAgentServiceGrpc.AttestationAgentServiceBlockingStub stub;
    private final Duration deadline;

    private AttestationAgentClient(GrpcUnixSockets.Channel channel, Duration deadline) {
        this.channel = channel;
        this.stub = AttestationAgentServiceGrpc.newBlockingStub(channel.grpc());
        this.deadline = deadline;
    }

    /**
     * @param address {@code unix:///path} (or a bare path)
     * @param deadline how long one call may take (attesting to a KBS can take seconds)
     */
    public static AttestationAgentClient connect(String address, Duration deadline) {
        return new AttestationAgentClient(GrpcUnixSockets.connect(GrpcUnixSockets.path(address)), deadline);
    }

    private AttestationAgentServiceGrpc.AttestationAgentServiceBlockingStub call() {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Evidence JSON bound to {@code runtimeData}. */
    public byte[] evidence(byte[] runtimeData) throws AttestationAgentException {
        try {
            return call().getEvidence(GetEvidenceRequest.newBuilder().setRuntimeData(ByteString.copyFrom(runtimeData))
                    .build()).getEvidence().toByteArray();
        } catch (StatusRuntimeException e) {
            throw AttestationAgentException.of("GetEvidence", e);
        }
    }

    /** The token answer, {@code {"token":"<JWT>","tee_keypair":"<PEM>"}} for type {@code kbs}. It holds a secret. */
    public byte[] token(String type) throws AttestationAgentException {
        try {
            return call().getToken(GetTokenRequest.newBuilder().setTokenType(type).build()).getToken().toByteArray();
        } catch (StatusRuntimeException e) {
            throw AttestationAgentException.of("GetToken", e);
        }
    }

    public String teeType() throws AttestationAgentException {
        try {
            return call().getTeeType(GetTeeTypeRequest.getDefaultInstance()).getTee();
        } catch (StatusRuntimeException e) {
            throw AttestationAgentException.of("GetTeeType", e);
        }
    }

    /** Records an event; {@code pcr} null means the agent's configured default register. */
    public RuntimeMeasurementResult extendRuntimeMeasurement(String domain, String operation, String content,
                                                             Integer pcr) throws AttestationAgentException {
        ExtendRuntimeMeasurementRequest.Builder request = ExtendRuntimeMeasurementRequest.newBuilder()
                .setDomain(domain).setOperation(operation).setContent(content);
        if (pcr != null) {
            request.setRegisterIndex(pcr);
        }
        try {
            return call().extendRuntimeMeasurement(request.build()).getResult();
        } catch (StatusRuntimeException e) {
            throw AttestationAgentException.of("ExtendRuntimeMeasurement", e);
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
