package io.github.coco4j.aa.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.TestData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Upstream's Azure TDX HCL report: its TD report repeats the TD quote's body and binds the variable data. */
class TdReportTest {
    private static final String DIR = "attestation/trustee-verifier/az-tdx-vtpm/";

    @Test
    void tdReportFieldsAreTheQuoteBodys() {
        HclReport hcl = HclReport.parse(TestData.bytes(DIR + "hcl-report.bin"));
        TdxQuote.Body report = TdReport.parse(hcl.tdReport());
        TdxQuote.Body quote = TdxQuote.parse(TestData.bytes(DIR + "td-quote.bin")).body();
        assertArrayEquals(quote.reportData(), report.reportData());
        assertArrayEquals(quote.tcbSvn(), report.tcbSvn());
        assertArrayEquals(quote.mrSeam(), report.mrSeam());
        assertArrayEquals(quote.seamAttributes(), report.seamAttributes());
        assertArrayEquals(quote.tdAttributes(), report.tdAttributes());
        assertArrayEquals(quote.mrTd(), report.mrTd());
        assertArrayEquals(quote.mrOwnerConfig(), report.mrOwnerConfig());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(quote.rtmrs().get(i), report.rtmrs().get(i));
        }
        assertArrayEquals(hcl.variableDataSha256(), Arrays.copyOf(report.reportData(), 32));
    }

    @Test
    void otherReportTypesAndSizesAreRefused() {
        byte[] report = HclReport.parse(TestData.bytes(DIR + "hcl-report.bin")).tdReport();
        report[0] = 0;
        assertTrue(assertThrows(EvidenceFormatException.class, () -> TdReport.parse(report)).getMessage()
                .contains("not TDX"));
        assertThrows(EvidenceFormatException.class, () -> TdReport.parse(new byte[100]));
    }
}
