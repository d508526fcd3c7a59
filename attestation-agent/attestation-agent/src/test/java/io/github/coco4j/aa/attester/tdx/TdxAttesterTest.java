package io.github.coco4j.aa.attester.tdx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.InitDataMismatchException;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.evidence.TdxQuote;
import io.github.coco4j.testing.InitDataVectors;
import io.github.coco4j.testing.TestData;
import io.github.coco4j.aa.testing.TsmKernelEmulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TdxAttesterTest {
    private static final String WORKSHOP = "workshop-initdata";
    @TempDir
    Path dir;

    private static byte[] quote4() {
        return TestData.bytes("attestation/trustee-verifier/tdx_quote_4.dat");
    }

    private TdxAttester attester(TsmKernelEmulation kernel) throws Exception {
        Path root = Files.createDirectories(dir.resolve("sys/kernel/config/tsm/report"));
        return new TdxAttester(new ConfigfsTsm(root, kernel), dir.resolve("CCEL"), dir.resolve("eventlog"),
                dir.resolve("measurements"));
    }

    @Test
    void evidenceCarriesTheQuoteAndWritesThePaddedReportData() throws Exception {
        byte[] quote = quote4();
        byte[] reportData = TdxQuote.parse(quote).reportData();
        TsmKernelEmulation kernel = TsmKernelEmulation.tdx(quote);
        ObjectNode evidence = attester(kernel).evidence(reportData);
        assertEquals(List.of("cc_eventlog", "quote"), fieldNames(evidence));
        assertTrue(evidence.get("cc_eventlog").isNull());
        assertArrayEquals(quote, Base64.getDecoder().decode(evidence.get("quote").asText()));
        assertArrayEquals(reportData, kernel.inblobs().get(0));
        try (var entries = Files.list(dir.resolve("sys/kernel/config/tsm/report"))) {
            assertEquals(0, entries.count(), "the report entry is removed after use");
        }
    }

    @Test
    void quoteForOtherReportDataIsRefused() throws Exception {
        AttestationException e = assertThrows(AttestationException.class,
                () -> attester(TsmKernelEmulation.tdx(quote4())).evidence(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("does not carry the requested report data"), e.getMessage());
    }

    @Test
    void reportDataLongerThan64BytesIsRefused() {
        AttestationException e = assertThrows(AttestationException.class,
                () -> attester(TsmKernelEmulation.tdx(quote4())).evidence(new byte[65]));
        assertTrue(e.getMessage().contains("at most 64"), e.getMessage());
    }

    @Test
    void concurrentWriterDetectedByGenerationIsRefused() {
        TsmKernelEmulation raced = new TsmKernelEmulation("tdx_guest", quote4(), null, "2");
        AttestationException e = assertThrows(AttestationException.class,
                () -> attester(raced).evidence(TdxQuote.parse(quote4()).reportData()));
        assertTrue(e.getMessage().contains("generation is 2"), e.getMessage());
    }

    @Test
    void otherProviderIsRefused() {
        TsmKernelEmulation sev = new TsmKernelEmulation("sev_guest", quote4(), null, "1");
        AttestationException e = assertThrows(AttestationException.class, () -> attester(sev).evidence(new byte[64]));
        assertTrue(e.getMessage().contains("provider is 'sev_guest'"), e.getMessage());
    }

    @Test
    void eventLogWithoutCcelStartsWithTheSpecIdHeader() throws Exception {
        byte[] aael = {1, 2, 3, 4};
        Files.write(dir.resolve("eventlog"), aael);
        byte[] quote = quote4();
        ObjectNode evidence = attester(TsmKernelEmulation.tdx(quote)).evidence(TdxQuote.parse(quote).reportData());
        byte[] log = Base64.getDecoder().decode(evidence.get("cc_eventlog").asText());
        assertEquals(69 + aael.length + 8, log.length);
        assertArrayEquals(aael, Arrays.copyOfRange(log, 69, 73));
        assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, Arrays.copyOfRange(log, 73, 81));
    }

    @Test
    void bindingHoldsWhenTheKernelMrConfigIdIsTheInitDataForm() throws Exception {
        Files.createDirectories(dir.resolve("measurements"));
        Files.write(dir.resolve("measurements/mrconfigid"), InitDataVectors.tdxMrConfigId(WORKSHOP));
        assertTrue(attester(TsmKernelEmulation.tdx(quote4())).verifyInitDataBinding(InitDataVectors.digest(WORKSHOP)));
    }

    @Test
    void bindingFailsWhenTheKernelMrConfigIdDiffers() throws Exception {
        Files.createDirectories(dir.resolve("measurements"));
        Files.write(dir.resolve("measurements/mrconfigid"), new byte[48]);
        InitDataMismatchException e = assertThrows(InitDataMismatchException.class,
                () -> attester(TsmKernelEmulation.tdx(quote4())).verifyInitDataBinding(InitDataVectors.digest(WORKSHOP)));
        assertTrue(e.getMessage().contains("MRCONFIGID"), e.getMessage());
    }

    @Test
    void bindingIsReadFromAQuoteWithoutKernelMeasurements() throws Exception {
        byte[] quote = quote4();
        Arrays.fill(quote, 48 + 520, 48 + 584, (byte) 0);
        System.arraycopy(InitDataVectors.tdxMrConfigId(WORKSHOP), 0, quote, 48 + 184, 48);
        assertTrue(attester(TsmKernelEmulation.tdx(quote)).verifyInitDataBinding(InitDataVectors.digest(WORKSHOP)));

        byte[] unbound = quote4();
        Arrays.fill(unbound, 48 + 520, 48 + 584, (byte) 0);
        assertThrows(InitDataMismatchException.class,
                () -> attester(TsmKernelEmulation.tdx(unbound)).verifyInitDataBinding(InitDataVectors.digest(WORKSHOP)));
    }

    static List<String> fieldNames(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
