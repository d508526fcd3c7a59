package io.github.coco4j.kbs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Azure SNP vTPM evidence signed under a development AMD-like root (as the demo's platform makes
 * it) is verified completely when {@code insecure_snp_development_root} names that root, and
 * refused with AMD's roots alone. (That AMD's own root cannot be named as the development root is
 * {@link AzSnpVtpmVerifierTest#aDevelopmentRootIsNeverAmds}.)
 */
class DevelopmentRootTest {
    private static final byte[] REPORT_DATA = new byte[48];
    private static final byte[] INITDATA_DIGEST = HexFormat.of().parseHex(
            "a1d54ae8ca3c9b1d47e1d6e9e3dd0ff64c2de3cb8b5e38a3f2a0a0c1f2e3d4c5");

    @TempDir
    static Path dir;
    private static DevelopmentSnpEvidence platform;
    private static Path rootPem;

    @BeforeAll
    static void platform() throws Exception {
        Arrays.fill(REPORT_DATA, (byte) 0x5a);
        platform = DevelopmentSnpEvidence.create();
        rootPem = Files.writeString(dir.resolve("dev-ark.pem"), platform.rootPem());
    }

    private static ObjectNode verify(SnpCertificates authorities, byte[] presentedInitData) throws Exception {
        return new AzSnpVtpmVerifier(authorities).verify(platform.evidence(REPORT_DATA, INITDATA_DIGEST), REPORT_DATA,
                presentedInitData, ReferenceValues.empty());
    }

    @Test
    void acceptedWithTheDevelopmentRootConfigured() throws Exception {
        ObjectNode claims = verify(SnpCertificates.amd().withDevelopmentRoot(rootPem), INITDATA_DIGEST);
        assertEquals(claims.at("/tpm/pcr08").asText(), claims.get("init_data").asText());
        assertEquals(HexFormat.of().formatHex(REPORT_DATA), claims.get("report_data").asText());
        assertEquals("8", claims.get("reported_tcb_snp").asText());
    }

    @Test
    void refusedWithAmdsRootsAlone() {
        String message = assertThrows(VerificationException.class, () -> verify(SnpCertificates.amd(), INITDATA_DIGEST))
                .getMessage();
        assertTrue(message.contains("none of the known SNP authorities"), message);
    }

    /** A guest presenting other initdata than its PCR8 measures gets no token, whatever signed its report. */
    @Test
    void initdataThatPcr8DoesNotMeasureIsRefused() {
        byte[] other = INITDATA_DIGEST.clone();
        other[0] ^= 1;
        String message = assertThrows(VerificationException.class,
                () -> verify(SnpCertificates.amd().withDevelopmentRoot(rootPem), other)).getMessage();
        assertTrue(message.contains("PCR 8 does not measure the presented initdata"), message);
    }
}
