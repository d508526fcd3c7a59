package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.digest.HashAlgorithm;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.TpmsAttest;
import io.github.coco4j.aa.evidence.TpmtSignature;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * TPM evidence ({@code {"tpm_quote": {signature, message, pcrs}, "ak_public"}}): the quote is
 * signed by the AK, the PCR values match the quoted digest, the nonce is the handshake's report
 * data, and the PCRs match the reference values, PCR8 (the initdata) always among them. Reference
 * values are named {@code tpm_pcr00}..{@code tpm_pcr23} (or, as in the workshop, {@code pcr00}..);
 * {@code trusted_aks}, when present, lists the accepted AKs (base64 DER, as {@code ak_public}).
 */
final class TpmVerifier implements EvidenceVerifier {
    static final int NONCE_SIZE = 32;
    static final int INITDATA_PCR = 8;
    private static final int PCR_COUNT = 24;
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public ObjectNode verify(JsonNode evidence, byte[] expectedReportData, byte[] initDataDigest,
                             ReferenceValues references) throws VerificationException {
        String akBase64 = text(evidence, "ak_public");
        JsonNode quote = evidence.get("tpm_quote");
        if (quote == null || !quote.isObject()) {
            throw new VerificationException("tpm evidence: tpm_quote is missing");
        }
        byte[] message = base64(text(quote, "message"), "tpm_quote.message");
        TpmsAttest attest;
        TpmtSignature signature;
        try {
            attest = TpmsAttest.parse(message);
            signature = TpmtSignature.parse(base64(text(quote, "signature"), "tpm_quote.signature"));
        } catch (EvidenceFormatException e) {
            throw new VerificationException("tpm evidence: " + e.getMessage());
        }
        verifySignature(akBase64, message, signature);
        List<byte[]> pcrs = pcrValues(quote.get("pcrs"));
        verifyPcrDigest(attest, pcrs);
        byte[] nonce = attest.extraData();
        if (!Arrays.equals(nonce, Arrays.copyOf(expectedReportData, NONCE_SIZE))) {
            throw new VerificationException("tpm evidence: quote nonce does not match the handshake's report data");
        }
        checkReferences(references, akBase64, pcrs);
        if (initDataDigest != null) {
            checkInitData(pcrs.get(INITDATA_PCR), initDataDigest);
        }
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("init_data", HEX.formatHex(pcrs.get(INITDATA_PCR)));
        claims.put("report_data", HEX.formatHex(nonce));
        claims.put("ak_public", akBase64);
        for (int i = 0; i < PCR_COUNT; i++) {
            claims.put(pcrClaim(i), HEX.formatHex(pcrs.get(i)));
        }
        return claims;
    }

    static String pcrClaim(int pcr) {
        return String.format("pcr%02d", pcr);
    }

    private static void verifySignature(String akBase64, byte[] message, TpmtSignature signature)
            throws VerificationException {
        if (signature.signatureAlgorithm() != TpmtSignature.TPM_ALG_RSASSA
                || signature.hashAlgorithm() != TpmsAttest.TPM_ALG_SHA256) {
            throw new VerificationException("tpm evidence: quote signature is not RSASSA with SHA-256");
        }
        try {
            PublicKey ak = KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(base64(akBase64, "ak_public")));
            if (!(ak instanceof RSAPublicKey)) {
                throw new VerificationException("tpm evidence: ak_public is not an RSA key");
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(ak);
            verifier.update(message);
            if (!verifier.verify(signature.signature())) {
                throw new VerificationException("tpm evidence: quote signature does not verify with ak_public");
            }
        } catch (GeneralSecurityException e) {
            throw new VerificationException("tpm evidence: ak_public or signature unusable: " + e.getMessage(), e);
        }
    }

    private static List<byte[]> pcrValues(JsonNode pcrs) throws VerificationException {
        if (pcrs == null || !pcrs.isArray() || pcrs.size() != PCR_COUNT) {
            throw new VerificationException("tpm evidence: tpm_quote.pcrs must list the 24 SHA-256 PCRs");
        }
        byte[][] values = new byte[PCR_COUNT][];
        for (int i = 0; i < PCR_COUNT; i++) {
            try {
                values[i] = HEX.parseHex(pcrs.get(i).asText());
            } catch (IllegalArgumentException e) {
                throw new VerificationException("tpm evidence: PCR " + i + " is not hex");
            }
            if (values[i].length != 32) {
                throw new VerificationException("tpm evidence: PCR " + i + " is not a SHA-256 value");
            }
        }
        return List.of(values);
    }

    static void verifyPcrDigest(TpmsAttest attest, List<byte[]> pcrs) throws VerificationException {
        List<TpmsAttest.PcrSelection> expected = List.of(new TpmsAttest.PcrSelection(TpmsAttest.TPM_ALG_SHA256,
                IntStream.range(0, PCR_COUNT).boxed().toList()));
        if (!expected.equals(attest.pcrSelections())) {
            throw new VerificationException("tpm evidence: the quote does not select SHA-256 PCRs 0-23");
        }
        byte[] concatenated = new byte[PCR_COUNT * 32];
        for (int i = 0; i < PCR_COUNT; i++) {
            System.arraycopy(pcrs.get(i), 0, concatenated, i * 32, 32);
        }
        if (!Arrays.equals(HashAlgorithm.SHA256.digest(concatenated), attest.pcrDigest())) {
            throw new VerificationException("tpm evidence: PCR values do not match the quoted PCR digest");
        }
    }

    private static void checkReferences(ReferenceValues values, String akBase64, List<byte[]> pcrs)
            throws VerificationException {
        if (values.get("trusted_aks").isPresent() && !values.get("trusted_aks").get().contains(akBase64)) {
            throw new VerificationException("tpm evidence: the AK is not among the trusted_aks reference values");
        }
        if (pcrReferenceNames(INITDATA_PCR).stream().allMatch(name -> values.get(name).isEmpty())) {
            throw new VerificationException("no reference value tpm_" + pcrClaim(INITDATA_PCR)
                    + ": the initdata measurement cannot be checked, so tpm evidence is refused");
        }
        for (int i = 0; i < PCR_COUNT; i++) {
            for (String name : pcrReferenceNames(i)) {
                if (values.get(name).isPresent() && !values.containsHex(name, HEX.formatHex(pcrs.get(i)))) {
                    throw new VerificationException("tpm evidence: PCR " + i + " does not match reference value "
                            + name);
                }
            }
        }
    }

    /** Today's reference value names for a PCR ({@code tpm_pcr08}) and the workshop's ({@code pcr08}). */
    private static List<String> pcrReferenceNames(int pcr) {
        return List.of("tpm_" + pcrClaim(pcr), pcrClaim(pcr));
    }

    /** PCR8 must be one extend of the initdata digest (its first 32 bytes) from zero. */
    static void checkInitData(byte[] pcr8, byte[] initDataDigest) throws VerificationException {
        byte[] input = new byte[64];
        System.arraycopy(initDataDigest, 0, input, 32, Math.min(32, initDataDigest.length));
        if (!Arrays.equals(HashAlgorithm.SHA256.digest(input), pcr8)) {
            throw new VerificationException("tpm evidence: PCR 8 does not measure the presented initdata");
        }
    }

    private static String text(JsonNode node, String field) throws VerificationException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new VerificationException("tpm evidence: " + field + " is missing or not a string");
        }
        return value.asText();
    }

    private static byte[] base64(String value, String field) throws VerificationException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new VerificationException("tpm evidence: " + field + " is not base64");
        }
    }
}
