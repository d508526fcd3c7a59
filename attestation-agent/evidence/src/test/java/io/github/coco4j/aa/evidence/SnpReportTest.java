package io.github.coco4j.aa.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.Signatures;
import io.github.coco4j.testing.TestData;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.junit.jupiter.api.Test;

class SnpReportTest {
    private static final String AMD_TCB_OID = "1.3.6.1.4.1.3704.1.3.";
    private static final String AMD_HWID_OID = "1.3.6.1.4.1.3704.1.4";

    @Test
    void vcekReportSignatureVerifiesWithTheVcek() throws Exception {
        SnpReport report = SnpReport.parse(TestData.bytes("attestation/trustee-verifier/snp/test-report.bin"));
        X509Certificate vcek = certificate("attestation/trustee-verifier/snp/test-vcek.der");
        assertTrue(verifiesWith(report, vcek));
    }

    @Test
    void reportedTcbAndChipIdMatchTheVcekExtensions() throws Exception {
        SnpReport report = SnpReport.parse(TestData.bytes("attestation/trustee-verifier/snp/test-report.bin"));
        X509Certificate vcek = certificate("attestation/trustee-verifier/snp/test-vcek.der");
        SnpReport.TcbVersion tcb = report.reportedTcb();
        assertEquals(integerExtension(vcek, AMD_TCB_OID + "1"), tcb.bootloader());
        assertEquals(integerExtension(vcek, AMD_TCB_OID + "2"), tcb.tee());
        assertEquals(integerExtension(vcek, AMD_TCB_OID + "3"), tcb.snp());
        assertEquals(integerExtension(vcek, AMD_TCB_OID + "8"), tcb.microcode());
        assertArrayEquals(hardwareId(vcek), report.chipId());
        assertEquals(2, report.version());
        assertNull(report.cpuid(), "version 2 reports carry no CPUID fields");
        assertEquals(0, report.vmpl());
        assertArrayEquals(new byte[32], report.hostData());
    }

    @Test
    void version3VlekReportIdentifiesMilanAndVerifies() throws Exception {
        SnpReport report = SnpReport.parse(TestData.bytes("attestation/trustee-verifier/snp/test-vlek-report.bin"));
        assertEquals(3, report.version());
        assertEquals(SnpReport.Generation.MILAN, report.generation());
        assertTrue(verifiesWith(report, certificate("attestation/trustee-verifier/snp/test-vlek.der")));
    }

    @Test
    void fieldsAreReadFromTheirOffsets() {
        byte[] raw = TestData.bytes("attestation/trustee-verifier/snp/test-report.bin");
        byte[] hostData = new byte[32];
        Arrays.fill(hostData, (byte) 0x11);
        System.arraycopy(hostData, 0, raw, 0xC0, 32);
        SnpReport report = SnpReport.parse(raw);
        assertArrayEquals(hostData, report.hostData());
        assertEquals(0x50, indexOf(raw, report.reportData()));
        assertEquals(0x90, indexOf(raw, report.measurement()));
    }

    @Test
    void wrongSizeIsRejected() {
        byte[] raw = TestData.bytes("attestation/trustee-verifier/snp/test-report.bin");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class,
                () -> SnpReport.parse(Arrays.copyOf(raw, 1000)));
        assertTrue(e.getMessage().contains("1184"), e.getMessage());
    }

    @Test
    void maskedChipIdInVersion2IsRejected() {
        byte[] raw = TestData.bytes("attestation/trustee-verifier/snp/test-report.bin");
        Arrays.fill(raw, 0x1A0, 0x1E0, (byte) 0);
        assertThrows(EvidenceFormatException.class, () -> SnpReport.parse(raw));
    }

    static boolean verifiesWith(SnpReport report, X509Certificate vek) throws Exception {
        return Signatures.verifyEcdsa("SHA384", vek.getPublicKey(), report.signedBytes(),
                Signatures.littleToBigEndian(report.signatureR(), 48),
                Signatures.littleToBigEndian(report.signatureS(), 48));
    }

    static X509Certificate certificate(String relative) throws Exception {
        return certificate(TestData.bytes(relative));
    }

    static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static int integerExtension(X509Certificate cert, String oid) throws Exception {
        byte[] value = ASN1OctetString.getInstance(cert.getExtensionValue(oid)).getOctets();
        return ASN1Integer.getInstance(ASN1Primitive.fromByteArray(value)).intValueExact();
    }

    private static byte[] hardwareId(X509Certificate cert) throws Exception {
        byte[] value = ASN1OctetString.getInstance(cert.getExtensionValue(AMD_HWID_OID)).getOctets();
        return value.length == 64 ? value : ASN1OctetString.getInstance(value).getOctets();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
