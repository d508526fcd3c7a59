package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.TpmsAttest;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vTPM quote of Azure confidential VMs' evidence ({@code {"signature", "message", "pcrs"}},
 * hex strings in today's evidence, byte arrays in the first version): an RSASSA/SHA-256 signature by
 * the AK over a TPMS_ATTEST that quotes SHA-256 PCRs 0-23 and carries the nonce.
 */
record VtpmQuote(byte[] signature, byte[] message, List<byte[]> pcrs) {
    private static final int PCR_COUNT = 24;
    private static final int SHA256_SIZE = 32;

    static VtpmQuote of(JsonNode quote, String tee) throws VerificationException {
        if (quote == null || !quote.isObject()) {
            throw new VerificationException(tee + " evidence: the TPM quote is missing");
        }
        JsonNode pcrs = quote.get("pcrs");
        if (pcrs == null || !pcrs.isArray()) {
            throw new VerificationException(tee + " evidence: the TPM quote has no pcrs list");
        }
        List<byte[]> values = new ArrayList<>();
        for (JsonNode pcr : pcrs) {
            byte[] value = EvidenceBytes.of(pcr, "pcrs", tee);
            if (value.length != SHA256_SIZE) {
                throw new VerificationException(tee + " evidence: PCR " + values.size() + " is not a SHA-256 value");
            }
            values.add(value);
        }
        if (values.size() != PCR_COUNT) {
            throw new VerificationException(tee + " evidence: the TPM quote must list the 24 SHA-256 PCRs");
        }
        return new VtpmQuote(EvidenceBytes.of(quote.get("signature"), "signature", tee),
                EvidenceBytes.of(quote.get("message"), "message", tee), List.copyOf(values));
    }

    /** Checks the signature, the quoted PCR digest and that the nonce is {@code expectedNonce}; returns the TPMS_ATTEST. */
    TpmsAttest verify(PublicKey ak, byte[] expectedNonce, String tee) throws VerificationException {
        TpmsAttest attest;
        try {
            attest = TpmsAttest.parse(message);
        } catch (EvidenceFormatException e) {
            throw new VerificationException(tee + " evidence: " + e.getMessage());
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(ak);
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new VerificationException(tee + " evidence: the vTPM quote is not signed by the HCL report's AK");
            }
        } catch (GeneralSecurityException e) {
            throw new VerificationException(tee + " evidence: the vTPM quote signature is unusable: " + e.getMessage());
        }
        TpmVerifier.verifyPcrDigest(attest, pcrs);
        if (!Arrays.equals(attest.extraData(), expectedNonce)) {
            throw new VerificationException(tee + " evidence: the vTPM quote nonce does not match the handshake's "
                    + "report data");
        }
        return attest;
    }
}
