package io.github.coco4j.kbs.attestation;

import io.github.coco4j.aa.evidence.SnpReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;

/**
 * An SNP report's endorsement, checked as Trustee checks it for both SNP verifiers: the
 * endorsement key (VCEK, or VLEK) chains to AMD's roots, is issued for the report's reported TCB
 * and, when it names one, the report's chip, and signs the report (ECDSA P-384 with SHA-384).
 */
final class SnpEndorsement {
    private static final int SIGNATURE_COMPONENT = 72;
    private static final String OID_BOOTLOADER = "1.3.6.1.4.1.3704.1.3.1";
    private static final String OID_TEE = "1.3.6.1.4.1.3704.1.3.2";
    private static final String OID_SNP = "1.3.6.1.4.1.3704.1.3.3";
    private static final String OID_MICROCODE = "1.3.6.1.4.1.3704.1.3.8";
    private static final String OID_HW_ID = "1.3.6.1.4.1.3704.1.4";

    private SnpEndorsement() {
    }

    static void verify(SnpCertificates authorities, X509Certificate key, SnpReport snp, String tee)
            throws VerificationException {
        String prefix = tee + " evidence: ";
        try {
            authorities.verify(key);
        } catch (VerificationException e) {
            throw new VerificationException(prefix + e.getMessage(), e);
        }
        checkEndorsement(key, snp, prefix);
        checkSignature(key, snp, prefix);
    }

    /** A DER or PEM certificate. */
    static X509Certificate certificate(byte[] encoded, String tee) throws VerificationException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(encoded));
        } catch (GeneralSecurityException e) {
            throw new VerificationException(tee + " evidence: the endorsement key is not a certificate: "
                    + e.getMessage());
        }
    }

    /** The VCEK is issued for the report's reported TCB and, when it names one, its chip. */
    private static void checkEndorsement(X509Certificate vcek, SnpReport snp, String prefix)
            throws VerificationException {
        SnpReport.TcbVersion tcb = snp.reportedTcb();
        requireExtension(vcek, OID_BOOTLOADER, tcb.bootloader(), "boot loader", prefix);
        requireExtension(vcek, OID_TEE, tcb.tee(), "TEE", prefix);
        requireExtension(vcek, OID_SNP, tcb.snp(), "SNP", prefix);
        requireExtension(vcek, OID_MICROCODE, tcb.microcode(), "microcode", prefix);
        byte[] hwId = vcek.getExtensionValue(OID_HW_ID);
        if (hwId != null && !Arrays.equals(octets(hwId, snp.chipId().length, prefix), snp.chipId())) {
            throw new VerificationException(prefix + "the VCEK is for another chip than the SNP report's");
        }
    }

    private static void requireExtension(X509Certificate vcek, String oid, int expected, String what,
                                         String prefix)
            throws VerificationException {
        byte[] extension = vcek.getExtensionValue(oid);
        if (extension == null) {
            throw new VerificationException(prefix + "the VCEK has no " + what + " SPL");
        }
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets());
            if (ASN1Integer.getInstance(value).getValue().intValueExact() != expected) {
                throw new VerificationException(prefix + "the VCEK's " + what + " SPL differs from the SNP report's");
            }
        } catch (IOException | IllegalArgumentException | ArithmeticException e) {
            throw new VerificationException(prefix + "the VCEK's " + what + " SPL is not an integer");
        }
    }

    /** The extension's bytes, raw or wrapped in an OCTET STRING (AMD has issued both). */
    private static byte[] octets(byte[] extension, int rawLength, String prefix) throws VerificationException {
        byte[] content = ASN1OctetString.getInstance(extension).getOctets();
        if (content.length == rawLength) {
            return content;
        }
        try {
            return ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(content)).getOctets();
        } catch (IOException | IllegalArgumentException e) {
            throw new VerificationException(prefix + "the VCEK's hardware id is unreadable");
        }
    }

    /** ECDSA P-384 with SHA-384 over the report's signed part; r and s are little-endian in the report. */
    private static void checkSignature(X509Certificate vcek, SnpReport snp, String prefix)
            throws VerificationException {
        try {
            byte[] der = new DERSequence(new ASN1Encodable[] {
                new ASN1Integer(littleEndian(snp.signatureR())), new ASN1Integer(littleEndian(snp.signatureS()))})
                    .getEncoded();
            Signature verifier = Signature.getInstance("SHA384withECDSA");
            verifier.initVerify(vcek.getPublicKey());
            verifier.update(snp.signedBytes());
            if (!verifier.verify(der)) {
                throw new VerificationException(prefix + "the SNP report is not signed by the VCEK");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new VerificationException(prefix + "the SNP report signature is unusable: " + e.getMessage());
        }
    }

    private static BigInteger littleEndian(byte[] value) {
        byte[] bigEndian = new byte[SIGNATURE_COMPONENT];
        for (int i = 0; i < SIGNATURE_COMPONENT; i++) {
            bigEndian[i] = value[SIGNATURE_COMPONENT - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }
}
