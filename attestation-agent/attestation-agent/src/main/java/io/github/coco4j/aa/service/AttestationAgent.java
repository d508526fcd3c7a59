package io.github.coco4j.aa.service;

import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.eventlog.AaEventLog;
import io.github.coco4j.aa.eventlog.AaelEvent;
import io.github.coco4j.aa.kbs.KbsProtocolException;
import io.github.coco4j.aa.kbs.KbsTokenCache;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;

/**
 * What the attestation agent does for its callers: evidence from the platform's attester, KBS
 * tokens (cached until they expire), runtime measurements into the event log, and the TEE type.
 */
public final class AttestationAgent {
    public static final String KBS_TOKEN = "kbs";

    private final Attester attester;
    private final KbsTokenCache kbsTokens;
    private final boolean eventLogEnabled;
    private final AaEventLog eventLog;
    private final int defaultPcr;

    /**
     * @param kbsTokens null when aa.toml configures no KBS
     * @param eventLogEnabled whether aa.toml turns the runtime event log on
     * @param eventLog the open event log; null when disabled or the platform has no measurement registers
     */
    public AttestationAgent(Attester attester, KbsTokenCache kbsTokens, boolean eventLogEnabled, AaEventLog eventLog,
                            int defaultPcr) {
        this.attester = attester;
        this.kbsTokens = kbsTokens;
        this.eventLogEnabled = eventLogEnabled;
        this.eventLog = eventLog;
        this.defaultPcr = defaultPcr;
    }

    public String teeType() {
        return attester.tee().wireName();
    }

    /** The evidence JSON for {@code runtimeData}, compact as upstream sends it. */
    public byte[] evidence(byte[] runtimeData) throws ServiceException {
        try {
            return JsonTrees.writeBytes(attester.evidence(runtimeData));
        } catch (AttestationException e) {
            throw ServiceException.failed("get evidence failed: " + e.getMessage(), e);
        }
    }

    /** {@code {"token","tee_keypair"}} for token type {@value #KBS_TOKEN}. */
    public byte[] token(String type) throws ServiceException, InterruptedException {
        if (!KBS_TOKEN.equals(type)) {
            throw ServiceException.badRequest("token type '" + type + "' is not supported (supported: kbs)");
        }
        if (kbsTokens == null) {
            throw ServiceException.badRequest("no KBS configured: aa.toml has no [token_configs.kbs]");
        }
        try {
            return kbsTokens.credentials().toJson();
        } catch (KbsProtocolException | AttestationException e) {
            throw ServiceException.failed("get token failed: " + e.getMessage(), e);
        }
    }

    public RuntimeMeasurementResult extendRuntimeMeasurement(String domain, String operation, String content,
                                                             Integer pcr) throws ServiceException {
        if (!eventLogEnabled) {
            return RuntimeMeasurementResult.NOT_ENABLED;
        }
        if (eventLog == null) {
            return RuntimeMeasurementResult.NOT_SUPPORTED;
        }
        int register = pcr == null ? defaultPcr : pcr;
        if (register < 0 || register > 23) {
            throw ServiceException.badRequest("register index " + register + " is not a PCR (0-23)");
        }
        AaelEvent event;
        try {
            event = new AaelEvent(domain, operation, content);
        } catch (IllegalArgumentException e) {
            throw ServiceException.badRequest(e.getMessage());
        }
        try {
            eventLog.record(event, register);
            return RuntimeMeasurementResult.OK;
        } catch (IOException e) {
            throw ServiceException.failed("extend runtime measurement failed: " + e.getMessage(), e);
        }
    }

    /** Checks that the hardware binds this initdata digest (this agent never extends PCR8 itself). */
    public boolean checkInitDataBinding(byte[] digest) throws ServiceException {
        try {
            return attester.verifyInitDataBinding(digest);
        } catch (AttestationException e) {
            throw ServiceException.failed("initdata binding check failed: " + e.getMessage(), e);
        }
    }
}
