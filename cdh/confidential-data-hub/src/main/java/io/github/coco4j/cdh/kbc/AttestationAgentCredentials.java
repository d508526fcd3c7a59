package io.github.coco4j.cdh.kbc;

import io.github.coco4j.wire.GrpcUnixSockets;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc;
import io.github.coco4j.proto.aa.GetTokenRequest;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** {@code GetToken("kbs")} from the attestation agent over its unix socket. */
public final class AttestationAgentCredentials implements KbsCredentialSource, AutoCloseable {
    /** The agent may have to attest first (a full RCAR round trip with evidence). */
    private static final long DEADLINE_SECONDS = 60;

    private final GrpcUnixSockets.Channel channel;
    private final AttestationAgentServiceGrpc.AttestationAgentServiceBlockingStub stub;

    public AttestationAgentCredentials(Path socket) {
        this.channel = GrpcUnixSockets.connect(socket);
        this.stub = AttestationAgentServiceGrpc.newBlockingStub(channel.grpc());
    }

    @Override
    public byte[] kbsCredentials() throws KbcException {
        try {
            return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .getToken(GetTokenRequest.newBuilder().setTokenType("kbs").build()).getToken().toByteArray();
        } catch (StatusRuntimeException e) {
            throw new KbcException("attestation agent: get token failed: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription()), e);
        }
    }

    /** The agent's evidence, for a handshake the hub runs itself. */
    public io.github.coco4j.aa.attester.Attester attester() {
        return new AttestationAgentAttester(stub);
    }

    @Override
    public void close() {
        channel.close();
    }
}
