package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.TpmsAttest;
import io.github.coco4j.devplatform.DevelopmentAmdRoot;
import io.github.coco4j.devplatform.DevelopmentSnpReport;
import io.github.coco4j.devplatform.HclReportLayout;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Version 2 {@code az-snp-vtpm} evidence as the development Azure SNP platform's guest produces
 * it, made without a TPM: a vTPM quote of PCRs 0-23 (all zero but PCR8, which measures the
 * initdata) signed by an AK of its own, the HCL report naming that AK with an SNP report signed by
 * the development root's VCEK, and that VCEK.
 */
final class DevelopmentSnpEvidence {
    private static final int SNP_REPORT_TYPE = 2;
    private static final int PCR_COUNT = 24;
    private static final HexFormat HEX = HexFormat.of();

    private final DevelopmentAmdRoot root;
    private final byte[] chipId;
    private final KeyPair ak;

    private DevelopmentSnpEvidence(DevelopmentAmdRoot root, byte[] chipId, KeyPair ak) {
        this.root = root;
        this.chipId = chipId;
        this.ak = ak;
    }

    /** A chip of a new development root, and a vTPM AK. */
    static DevelopmentSnpEvidence create() throws GeneralSecurityException {
        byte[] chipId = Arrays.copyOf("development chip".getBytes(StandardCharsets.US_ASCII), 64);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return new DevelopmentSnpEvidence(DevelopmentAmdRoot.create(DevelopmentSnpReport.Tcb.DEVELOPMENT, chipId),
                chipId, rsa.generateKeyPair());
    }

    /** The development root's ASK and ARK (PEM), as the KBS's {@code insecure_snp_development_root} file holds them. */
    String rootPem() {
        return root.chainPem();
    }

    /** Evidence answering {@code reportData}, from a VM whose PCR8 measured {@code initDataDigest}. */
    ObjectNode evidence(byte[] reportData, byte[] initDataDigest) throws GeneralSecurityException {
        byte[] variableData = HclReportLayout.variableData((RSAPublicKey) ak.getPublic(), reportData);
        byte[] snpReportData = Arrays.copyOf(sha256(variableData), 64);
        byte[] hcl = HclReportLayout.build(SNP_REPORT_TYPE, DevelopmentSnpReport.signed(root, chipId, snpReportData),
                variableData, HclReportLayout.SWTPM_NV_INDEX_MAX);
        byte[][] pcrs = new byte[PCR_COUNT][32];
        pcrs[TpmVerifier.INITDATA_PCR] = sha256(ByteBuffer.allocate(64).put(32, initDataDigest, 0, 32).array());
        byte[] message = quote(reportData, pcrs);
        ObjectNode evidence = JsonNodeFactory.instance.objectNode().put("version", 2);
        ObjectNode quote = evidence.putObject("tpm_quote").put("signature", HEX.formatHex(sign(message)))
                .put("message", HEX.formatHex(message));
        for (byte[] pcr : pcrs) {
            quote.withArray("pcrs").add(HEX.formatHex(pcr));
        }
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return evidence.put("hcl_report", base64.encodeToString(hcl)).put("vcek", base64.encodeToString(vcekDer()));
    }

    /** TPMS_ATTEST of a quote of SHA-256 PCRs 0-23 with {@code nonce} as its extra data. */
    private static byte[] quote(byte[] nonce, byte[][] pcrs) throws GeneralSecurityException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] pcr : pcrs) {
            digest.update(pcr);
        }
        byte[] pcrDigest = digest.digest();
        return ByteBuffer.allocate(4 + 2 + 2 + 2 + nonce.length + 17 + 8 + 4 + 6 + 2 + pcrDigest.length)
                .putInt((int) TpmsAttest.TPM_GENERATED_VALUE).putShort((short) TpmsAttest.TPM_ST_ATTEST_QUOTE)
                .putShort((short) 0).putShort((short) nonce.length).put(nonce)
                .putLong(0).putInt(0).putInt(0).put((byte) 1).putLong(0)
                .putInt(1).putShort((short) TpmsAttest.TPM_ALG_SHA256).put((byte) 3)
                .put(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff})
                .putShort((short) pcrDigest.length).put(pcrDigest).array();
    }

    private byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(ak.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    private byte[] vcekDer() throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                root.vcekPem().getBytes(StandardCharsets.US_ASCII))).getEncoded();
    }

    private static byte[] sha256(byte[] data) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
