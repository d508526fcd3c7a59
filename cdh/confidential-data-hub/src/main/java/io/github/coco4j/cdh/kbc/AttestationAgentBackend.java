package io.github.coco4j.cdh.kbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.client.AttestationAgentClient;
import io.github.coco4j.aa.client.AttestationAgentException;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;

/**
 * What the hub asks of the attestation agent: its KBS token ({@code GetToken("kbs")}), and its
 * evidence as an {@link Attester}, so that the hub can run the RCAR handshake itself when the
 * agent's cached token is no longer accepted.
 */
public final class AttestationAgentBackend implements KbsCredentialSource, Attester {
    private final AttestationAgentClient agent;

    public AttestationAgentBackend(AttestationAgentClient agent) {
        this.agent = agent;
    }

    @Override
    public byte[] kbsCredentials() throws KbcException {
        try {
            return agent.token("kbs");
        } catch (AttestationAgentException e) {
            throw new KbcException("attestation agent: get token failed: " + e.statusText(), e);
        }
    }

    /** Unchecked, as the interface has it: the TEE type is asked first in a handshake that then fails. */
    @Override
    public TeeType tee() {
        try {
            return TeeType.fromWireName(agent.teeType());
        } catch (AttestationAgentException e) {
            throw new IllegalStateException("attestation agent: get TEE type failed: " + e.statusText(), e);
        }
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws AttestationException {
        try {
            return (ObjectNode) JsonTrees.read(agent.evidence(reportData));
        } catch (AttestationAgentException e) {
            throw new AttestationException("attestation agent: get evidence failed: " + e.statusText(), e);
        } catch (IOException | ClassCastException e) {
            throw new AttestationException("attestation agent: get evidence failed: " + e.getMessage(), e);
        }
    }

    /** The agent checked the binding when it started. */
    @Override
    public boolean verifyInitDataBinding(byte[] initDataDigest) {
        return false;
    }
}
