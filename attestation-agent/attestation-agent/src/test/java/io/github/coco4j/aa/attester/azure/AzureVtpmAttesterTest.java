package io.github.coco4j.aa.attester.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.InitDataMismatchException;
import io.github.coco4j.aa.attester.PlatformPaths;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.attester.detect.AttesterFactory;
import io.github.coco4j.aa.attester.detect.TeeDetector;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.evidence.HclReport;
import io.github.coco4j.aa.evidence.TpmsAttest;
import io.github.coco4j.aa.attester.MeasurementRegisters;
import io.github.coco4j.aa.testing.HclReports;
import io.github.coco4j.devplatform.ImdsStandIn;
import io.github.coco4j.testing.Signatures;
import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import io.github.coco4j.digest.HashAlgorithm;
import io.github.coco4j.initdata.Pcr8;
import io.github.coco4j.testing.TestData;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure vTPM attesters end to end on a real swtpm and a loopback IMDS. swtpm stands in for
 * the paravisor's vTPM: the test persists an AK at 0x81000003 and writes an HCL-shaped report to
 * NV 0x01400001 around a recorded hardware report, naming that AK and carrying the report data as
 * user data the way the paravisor would after the guest wrote it to 0x01400002. (swtpm 0.7 refuses
 * NV indices over 2048 bytes, so the recorded 2600-byte reports cannot be used as they are; the
 * built report leaves out the EK to fit.)
 */
class AzureVtpmAttesterTest {
    private static final String RECORDED = "attestation/trustee-verifier/";
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;
    Swtpm swtpm;
    ImdsStandIn imds;
    TpmAddress address;
    byte[] reportData;

    @BeforeEach
    void start() throws Exception {
        swtpm = Swtpm.start(dir);
        address = TpmAddress.parse(swtpm.address());
        imds = new ImdsStandIn(HclReports.recordedCertificationPem(), recordedTdReport(), HclReports.recordedTdQuote());
        reportData = HashAlgorithm.SHA384.digest("runtime data".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        imds.close();
        swtpm.close();
    }

    @Test
    void snpEvidenceHasUpstreamsShapeAndBindsTheReportData() throws Exception {
        RSAPublicKey ak = provisionAk();
        byte[] nv = provisionHclReport(HclReport.SNP_REPORT_TYPE, recordedSnpReport(), ak);

        JsonNode evidence = snp(Duration.ZERO).evidence(reportData);

        JsonNode recorded = TestData.json(RECORDED + "az-snp-vtpm/evidence-v2.json");
        assertEquals(fieldNames(recorded), fieldNames(evidence));
        assertEquals(fieldNames(recorded.get("tpm_quote")), fieldNames(evidence.get("tpm_quote")));
        assertEquals(recorded.get("version"), evidence.get("version"));
        assertEquals(2, evidence.get("version").asInt());
        assertArrayEquals(nv, base64Url(evidence, "hcl_report"));
        assertArrayEquals(vcekDer(), base64Url(evidence, "vcek"));
        assertQuoteBindsReportDataAndIsSignedByTheHclAk(evidence, ak);
        assertHclUserDataIsTheReportData(evidence);
        try (TpmService tpm = TpmService.open(address)) {
            assertArrayEquals(reportData, tpm.readNv(VtpmHandles.AZURE.reportData()),
                    "the report data was left for the paravisor in NV 0x01400002");
        }
        assertEquals(List.of("GET /metadata/THIM/amd/certification"), imds.requests());
    }

    @Test
    void tdxEvidenceHasUpstreamsShapeAndCarriesTheTdQuoteImdsMadeForItsTdReport() throws Exception {
        RSAPublicKey ak = provisionAk();
        byte[] nv = provisionHclReport(HclReport.TDX_REPORT_TYPE, recordedTdReport(), ak);

        JsonNode evidence = tdx(Duration.ZERO).evidence(reportData);

        JsonNode recorded = TestData.json(RECORDED + "az-tdx-vtpm/evidence-v1.json");
        assertEquals(List.of("version", "tpm_quote", "hcl_report", "td_quote"), fieldNames(evidence));
        assertEquals(sorted(fieldNames(recorded)), sorted(fieldNames(evidence)));
        assertEquals(sorted(fieldNames(recorded.get("tpm_quote"))), sorted(fieldNames(evidence.get("tpm_quote"))));
        assertEquals(List.of("signature", "message", "pcrs"), fieldNames(evidence.get("tpm_quote")));
        assertEquals(2, evidence.get("version").asInt(), "upstream's current az-tdx-vtpm schema");
        assertArrayEquals(nv, base64Url(evidence, "hcl_report"));
        assertArrayEquals(HclReports.recordedTdQuote(), base64Url(evidence, "td_quote"));
        assertQuoteBindsReportDataAndIsSignedByTheHclAk(evidence, ak);
        assertHclUserDataIsTheReportData(evidence);
        assertEquals(List.of("POST /acc/tdquote"), imds.requests());
    }

    @Test
    void binaryFieldsUseUpstreamsEncodings() throws Exception {
        provisionHclReport(HclReport.SNP_REPORT_TYPE, recordedSnpReport(), provisionAk());
        JsonNode evidence = snp(Duration.ZERO).evidence(reportData);
        JsonNode recorded = TestData.json(RECORDED + "az-snp-vtpm/evidence-v2.json");
        for (JsonNode sample : List.of(recorded, evidence)) {
            for (String field : List.of("hcl_report", "vcek")) {
                String text = sample.get(field).asText();
                assertEquals(Base64.getUrlEncoder().encodeToString(base64Url(sample, field)), text,
                        field + " is padded base64url");
            }
            JsonNode quote = sample.get("tpm_quote");
            for (String field : List.of("signature", "message")) {
                assertTrue(quote.get(field).asText().matches("[0-9a-f]+"), field + " is lower-case hex");
            }
            assertEquals(512, quote.get("signature").asText().length(), "a bare RSA-2048 signature");
            assertEquals(24, quote.get("pcrs").size());
            quote.get("pcrs").forEach(pcr -> assertTrue(pcr.asText().matches("[0-9a-f]{64}")));
        }
    }

    @Test
    void theQuoteAlsoChecksOutWithTpm2Checkquote() throws Exception {
        assumeTrue(Tpm2Tools.hasCheckquote(), "tpm2_checkquote is not installed");
        RSAPublicKey ak = provisionAk();
        provisionHclReport(HclReport.SNP_REPORT_TYPE, recordedSnpReport(), ak);
        JsonNode quote = snp(Duration.ZERO).evidence(reportData).get("tpm_quote");
        byte[] signature = HEX.parseHex(quote.get("signature").asText());
        // The evidence carries the bare signature; tpm2-tools wants it inside a TPMT_SIGNATURE.
        byte[] tpmt = Signatures.tpmtRsassaSha256(signature);
        List<byte[]> pcrs = new ArrayList<>();
        quote.get("pcrs").forEach(pcr -> pcrs.add(HEX.parseHex(pcr.asText())));
        Tpm2Tools.checkQuote(dir, ak.getEncoded(), HEX.parseHex(quote.get("message").asText()), tpmt, pcrs, reportData);
    }

    @Test
    void theEvidenceWaitsForTheParavisorToRefreshTheReport() throws Exception {
        provisionHclReport(HclReport.SNP_REPORT_TYPE, recordedSnpReport(), provisionAk());
        long start = System.nanoTime();
        snp(Duration.ofMillis(300)).evidence(reportData);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
        assertEquals(Duration.ofSeconds(3), AzureVtpm.REPORT_REFRESH, "upstream's pause");
    }

    @Test
    void aReportOfTheOtherTeeIsRefused() throws Exception {
        provisionHclReport(HclReport.TDX_REPORT_TYPE, recordedTdReport(), provisionAk());
        AttestationException e = assertThrows(AttestationException.class, () -> snp(Duration.ZERO).evidence(reportData));
        assertTrue(e.getMessage().startsWith("az-snp-vtpm: ") && e.getMessage().contains("type 4"), e.getMessage());
        assertTrue(imds.requests().isEmpty());
    }

    @Test
    void withoutTheParavisorsAkThereIsNoEvidenceAndNoKeyIsMade() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey someKey = (RSAPublicKey) generator.generateKeyPair().getPublic();
        provisionHclReport(HclReport.SNP_REPORT_TYPE, recordedSnpReport(), someKey);
        AttestationException e = assertThrows(AttestationException.class, () -> snp(Duration.ZERO).evidence(reportData));
        assertTrue(e.getMessage().contains("0x81000003"), e.getMessage());
        assertFalse(Tpm2Tools.run(List.of("tpm2_getcap", "-T", swtpm.tcti(), "handles-persistent")).contains("0x81000003"));
    }

    @Test
    void reportDataLongerThanATpmNonceIsRefused() throws Exception {
        provisionHclReport(HclReport.SNP_REPORT_TYPE, recordedSnpReport(), provisionAk());
        AttestationException e = assertThrows(AttestationException.class, () -> snp(Duration.ZERO).evidence(new byte[65]));
        assertTrue(e.getMessage().contains("at most 64"), e.getMessage());
    }

    @Test
    void initdataIsBoundByPcr8AndPcrsAreTheRuntimeMeasurementRegisters() throws Exception {
        RSAPublicKey ak = provisionAk();
        provisionHclReport(HclReport.TDX_REPORT_TYPE, recordedTdReport(), ak);
        Attester attester = tdx(Duration.ZERO);
        byte[] digest = HashAlgorithm.SHA256.digest("initdata".getBytes(StandardCharsets.UTF_8));
        InitDataMismatchException mismatch = assertThrows(InitDataMismatchException.class,
                () -> attester.verifyInitDataBinding(digest));
        assertTrue(mismatch.getMessage().startsWith("az-tdx-vtpm: PCR8"), mismatch.getMessage());

        MeasurementRegisters registers = attester.measurementRegisters().orElseThrow();
        assertEquals(HashAlgorithm.SHA256, registers.algorithm());
        assertEquals(17, registers.registerIndex(17));
        registers.extend(Pcr8.INDEX, Pcr8.extendValue(digest));
        assertTrue(attester.verifyInitDataBinding(digest));
        assertArrayEquals(Pcr8.expected(digest), registers.read(Pcr8.INDEX));
        assertEquals(Tpm2Tools.pcrRead(swtpm, 8), HEX.formatHex(registers.read(Pcr8.INDEX)));
        assertEquals(HEX.formatHex(Pcr8.expected(digest)),
                attester.evidence(reportData).get("tpm_quote").get("pcrs").get(8).asText());
    }

    @Test
    void detectionFollowsTheHclReportInTheVtpmAndUpstreamsOrder() throws Exception {
        PlatformPaths paths = PlatformPaths.rootedAt(dir.resolve("root"));
        ConfigfsTsm tsm = new ConfigfsTsm(paths.tsmReport());
        TeeDetector detector = new TeeDetector(paths, tsm, address);
        assertEquals(TeeType.TPM, detector.detect(), "a TPM without an HCL report is a plain TPM");

        try (TpmService tpm = TpmService.open(address)) {
            tpm.writeNv(VtpmHandles.AZURE.hclReport(), new byte[HclReports.SWTPM_NV_INDEX_MAX]);
        }
        assertEquals(TeeType.TPM, detector.detect(), "an NV index without an HCL report in it");

        RSAPublicKey ak = provisionAk();
        provisionHclReport(HclReport.SNP_REPORT_TYPE, recordedSnpReport(), ak);
        Files.createDirectories(paths.sevGuestDevice());
        assertEquals(TeeType.AZ_SNP_VTPM, detector.detect(), "Azure SNP comes before a visible SEV guest device");
        provisionHclReport(HclReport.TDX_REPORT_TYPE, recordedTdReport(), ak);
        assertEquals(TeeType.AZ_TDX_VTPM, detector.detect());
        Files.createDirectories(paths.tdxGuestDevice().getParent());
        Files.createFile(paths.tdxGuestDevice());
        assertEquals(TeeType.TDX, detector.detect(), "a TD with its guest device is plain TDX first");

        TeeDetector withoutTpm = new TeeDetector(PlatformPaths.rootedAt(dir.resolve("empty")),
                tsm, TpmAddress.parse("auto"));
        assertEquals(TeeType.SAMPLE, withoutTpm.detect(), "auto finds no TPM under an empty platform root");

        AttesterFactory factory = new AttesterFactory(paths, tsm, address, imds.url());
        assertInstanceOf(AzSnpVtpmAttester.class, factory.create(TeeType.AZ_SNP_VTPM));
        assertInstanceOf(AzTdxVtpmAttester.class, factory.create(TeeType.AZ_TDX_VTPM));
        assertEquals(TeeType.AZ_TDX_VTPM, factory.create(TeeType.AZ_TDX_VTPM).tee());
    }

    private void assertQuoteBindsReportDataAndIsSignedByTheHclAk(JsonNode evidence, RSAPublicKey ak) throws Exception {
        JsonNode quote = evidence.get("tpm_quote");
        byte[] message = HEX.parseHex(quote.get("message").asText());
        HclReport hcl = HclReport.parse(base64Url(evidence, "hcl_report"));
        assertArrayEquals(ak.getEncoded(), hcl.attestationKey().getEncoded(), "the HCL report names the AK");
        assertTrue(Signatures.verifyRsaPkcs1(hcl.attestationKey(), message, HEX.parseHex(quote.get("signature").asText())),
                "the HCL report's AK signed the quote");
        TpmsAttest attest = TpmsAttest.parse(message);
        assertArrayEquals(reportData, attest.extraData(), "the nonce is the report data, unpadded");
        assertEquals(List.of(new TpmsAttest.PcrSelection(TpmsAttest.TPM_ALG_SHA256, TpmService.ALL_PCRS)),
                attest.pcrSelections());
        ByteArrayOutputStream pcrs = new ByteArrayOutputStream();
        quote.get("pcrs").forEach(pcr -> pcrs.writeBytes(HEX.parseHex(pcr.asText())));
        assertArrayEquals(HashAlgorithm.SHA256.digest(pcrs.toByteArray()), attest.pcrDigest());
    }

    private void assertHclUserDataIsTheReportData(JsonNode evidence) {
        byte[] userData = HclReport.parse(base64Url(evidence, "hcl_report")).userData();
        assertArrayEquals(reportData, Arrays.copyOf(userData, reportData.length));
    }

    private Attester snp(Duration refresh) {
        return new AzSnpVtpmAttester(new AzureVtpm(address, VtpmHandles.AZURE, refresh), new AzureImds(imds.url()));
    }

    private Attester tdx(Duration refresh) {
        return new AzTdxVtpmAttester(new AzureVtpm(address, VtpmHandles.AZURE, refresh), new AzureImds(imds.url()));
    }

    private RSAPublicKey provisionAk() throws Exception {
        return HclReports.provisionAk(address);
    }

    private byte[] provisionHclReport(int type, byte[] hardwareReport, RSAPublicKey ak) {
        return HclReports.provision(address, type, hardwareReport, ak, reportData);
    }

    private static byte[] recordedSnpReport() {
        return HclReports.recordedSnpReport();
    }

    private static byte[] recordedTdReport() {
        return HclReports.recordedTdReport();
    }

    private static byte[] vcekDer() throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(HclReports.recordedCertificationPem().getBytes(StandardCharsets.US_ASCII)))
                .getEncoded();
    }

    private static byte[] base64Url(JsonNode evidence, String field) {
        return Base64.getUrlDecoder().decode(evidence.get(field).asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
