package io.github.coco4j.cdh.kbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc;
import io.github.coco4j.proto.aa.GetEvidenceRequest;
import io.github.coco4j.proto.aa.GetTeeTypeRequest;
import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The attestation agent's evidence (GetTeeType, GetEvidence) as an {@link Attester}, so that the
 * hub can run the RCAR handshake itself when the agent's cached token is no longer accepted.
 */
final class AttestationAgentAttester implements Attester {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEADLINE_SECONDS = 60;

    private final AttestationAgentServiceGrpc.AttestationAgentServiceBlockingStub agent;

    AttestationAgentAttester(AttestationAgentServiceGrpc.AttestationAgentServiceBlockingStub agent) {
        this.agent = agent;
    }

    @Override
    public TeeType tee() {
        return TeeType.fromWireName(stub().getTeeType(GetTeeTypeRequest.getDefaultInstance()).getTee());
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws AttestationException {
        try {
            byte[] evidence = stub().getEvidence(GetEvidenceRequest.newBuilder().setRuntimeData(ByteString.copyFrom(reportData)).build())
                    .getEvidence().toByteArray();
            return (ObjectNode) JSON.readTree(evidence);
        } catch (StatusRuntimeException | IOException | ClassCastException e) {
            throw new AttestationException("attestation agent: get evidence failed: " + e.getMessage(), e);
        }
    }

    /** The agent checked the binding when it started. */
    @Override
    public boolean verifyInitDataBinding(byte[] initDataDigest) {
        return false;
    }

    private AttestationAgentServiceGrpc.AttestationAgentServiceBlockingStub stub() {
        return agent.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
}
