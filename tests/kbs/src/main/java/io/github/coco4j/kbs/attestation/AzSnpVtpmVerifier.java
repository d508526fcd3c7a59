package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.SnpReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;

/**
 * Azure SEV-SNP confidential VMs with a vTPM ({@code az-snp-vtpm}), checked as Trustee's verifier
 * checks them: the vTPM quote is signed by the AK the HCL report's variable data holds, quotes the
 * PCRs and carries the handshake's report data as nonce; the SNP report inside the HCL report
 * binds that variable data (its report data starts with the variable data's SHA-256) and, from
 * evidence version 2, the variable data's user data starts with the report data; the SNP report
 * is signed by the VCEK, which matches the report's TCB and chip and chains to AMD's roots; the
 * report comes from VMPL 0; PCR8 measures the presented initdata. Evidence versions 0, 1 and 2.
 */
final class AzSnpVtpmVerifier implements EvidenceVerifier {
    static final String TEE = "az-snp-vtpm";
    private static final String PREFIX = TEE + " evidence: ";
    private static final int HCL_VMPL = 0;
    private static final int SIGNATURE_COMPONENT = 72;
    private static final String OID_BOOTLOADER = "1.3.6.1.4.1.3704.1.3.1";
    private static final String OID_TEE = "1.3.6.1.4.1.3704.1.3.2";
    private static final String OID_SNP = "1.3.6.1.4.1.3704.1.3.3";
    private static final String OID_MICROCODE = "1.3.6.1.4.1.3704.1.3.8";
    private static final String OID_HW_ID = "1.3.6.1.4.1.3704.1.4";

    private final SnpCertificates authorities;

    AzSnpVtpmVerifier(SnpCertificates authorities) {
        this.authorities = authorities;
    }

    @Override
    public ObjectNode verify(JsonNode evidence, byte[] expectedReportData, byte[] initDataDigest,
                             ReferenceValues references) throws VerificationException {
        AzureVtpmEvidence azure = AzureVtpmEvidence.parse(evidence, TEE, "quote", "report");
        SnpReport snp;
        try {
            snp = azure.hcl().snpReport();
        } catch (EvidenceFormatException e) {
            throw new VerificationException(PREFIX + e.getMessage());
        }
        azure.verify(snp.reportData(), expectedReportData, initDataDigest);
        X509Certificate vcek = vcek(evidence, azure.first());
        authorities.verify(vcek);
        checkEndorsement(vcek, snp);
        checkSignature(vcek, snp);
        if (snp.vmpl() != HCL_VMPL) {
            throw new VerificationException(PREFIX + "the SNP report is from VMPL " + snp.vmpl() + ", not " + HCL_VMPL);
        }
        return azure.addClaims(claims(snp), expectedReportData);
    }

    private static X509Certificate vcek(JsonNode evidence, boolean first) throws VerificationException {
        byte[] encoded = first ? evidence.path("vcek").asText().getBytes(StandardCharsets.US_ASCII)
                : EvidenceBytes.base64(evidence.get("vcek"), "vcek", TEE);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(encoded));
        } catch (GeneralSecurityException e) {
            throw new VerificationException(PREFIX + "vcek is not a certificate: " + e.getMessage());
        }
    }

    /** The VCEK is issued for the report's reported TCB and, when it names one, its chip. */
    private static void checkEndorsement(X509Certificate vcek, SnpReport snp) throws VerificationException {
        SnpReport.TcbVersion tcb = snp.reportedTcb();
        requireExtension(vcek, OID_BOOTLOADER, tcb.bootloader(), "boot loader");
        requireExtension(vcek, OID_TEE, tcb.tee(), "TEE");
        requireExtension(vcek, OID_SNP, tcb.snp(), "SNP");
        requireExtension(vcek, OID_MICROCODE, tcb.microcode(), "microcode");
        byte[] hwId = vcek.getExtensionValue(OID_HW_ID);
        if (hwId != null && !Arrays.equals(octets(hwId, snp.chipId().length), snp.chipId())) {
            throw new VerificationException(PREFIX + "the VCEK is for another chip than the SNP report's");
        }
    }

    private static void requireExtension(X509Certificate vcek, String oid, int expected, String what)
            throws VerificationException {
        byte[] extension = vcek.getExtensionValue(oid);
        if (extension == null) {
            throw new VerificationException(PREFIX + "the VCEK has no " + what + " SPL");
        }
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets());
            if (ASN1Integer.getInstance(value).getValue().intValueExact() != expected) {
                throw new VerificationException(PREFIX + "the VCEK's " + what + " SPL differs from the SNP report's");
            }
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            throw new VerificationException(PREFIX + "the VCEK's " + what + " SPL is not an integer");
        }
    }

    /** The extension's bytes, raw or wrapped in an OCTET STRING (AMD has issued both). */
    private static byte[] octets(byte[] extension, int rawLength) throws VerificationException {
        byte[] content = ASN1OctetString.getInstance(extension).getOctets();
        if (content.length == rawLength) {
            return content;
        }
        try {
            return ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(content)).getOctets();
        } catch (IOException | IllegalArgumentException e) {
            throw new VerificationException(PREFIX + "the VCEK's hardware id is unreadable");
        }
    }

    /** ECDSA P-384 with SHA-384 over the report's signed part; r and s are little-endian in the report. */
    private static void checkSignature(X509Certificate vcek, SnpReport snp) throws VerificationException {
        try {
            byte[] der = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                new ASN1Integer(littleEndian(snp.signatureR())), new ASN1Integer(littleEndian(snp.signatureS()))})
                    .getEncoded();
            Signature verifier = Signature.getInstance("SHA384withECDSA");
            verifier.initVerify(vcek.getPublicKey());
            verifier.update(snp.signedBytes());
            if (!verifier.verify(der)) {
                throw new VerificationException(PREFIX + "the SNP report is not signed by the VCEK");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new VerificationException(PREFIX + "the SNP report signature is unusable: " + e.getMessage());
        }
    }

    private static BigInteger littleEndian(byte[] value) {
        byte[] bigEndian = new byte[SIGNATURE_COMPONENT];
        for (int i = 0; i < SIGNATURE_COMPONENT; i++) {
            bigEndian[i] = value[SIGNATURE_COMPONENT - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    /** Trustee's claims of the SNP report: its fields as strings. */
    private static ObjectNode claims(SnpReport snp) {
        long policy = snp.policy();
        SnpReport.TcbVersion tcb = snp.reportedTcb();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("policy_abi_major", String.valueOf(policy >> 8 & 0xff));
        claims.put("policy_abi_minor", String.valueOf(policy & 0xff));
        claims.put("policy_smt_allowed", String.valueOf(bit(policy, 16)));
        claims.put("policy_migrate_ma", String.valueOf(bit(policy, 18)));
        claims.put("policy_debug_allowed", String.valueOf(bit(policy, 19)));
        claims.put("policy_single_socket", String.valueOf(bit(policy, 20)));
        claims.put("reported_tcb_bootloader", String.valueOf(tcb.bootloader()));
        claims.put("reported_tcb_tee", String.valueOf(tcb.tee()));
        claims.put("reported_tcb_snp", String.valueOf(tcb.snp()));
        claims.put("reported_tcb_microcode", String.valueOf(tcb.microcode()));
        claims.put("platform_tsme_enabled", String.valueOf(bit(snp.platformInfo(), 1)));
        claims.put("platform_smt_enabled", String.valueOf(bit(snp.platformInfo(), 0)));
        claims.put("measurement", Base64.getEncoder().encodeToString(snp.measurement()));
        return claims;
    }

    private static boolean bit(long value, int bit) {
        return (value >> bit & 1) == 1;
    }
}
