package io.github.coco4j.kbs.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.TdxQuote;
import io.github.coco4j.testing.TestData;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream's recorded TD quotes v4 and v5: bound to their report data and MRCONFIGID, one flipped bit refused. */
class TdxVerifierTest {
    private static final String DIR = "attestation/trustee-verifier/";
    private static final int BODY = 48;
    private static final TdxVerifier VERIFIER = new TdxVerifier();

    private static byte[] quote(String file) {
        return TestData.bytes(DIR + file);
    }

    private static ObjectNode evidence(byte[] quote) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.putNull("cc_eventlog");
        evidence.put("quote", Base64.getEncoder().encodeToString(quote));
        return evidence;
    }

    private static ObjectNode verify(byte[] quote, byte[] reportData, byte[] initDataDigest)
            throws VerificationException {
        return VERIFIER.verify(evidence(quote), reportData, initDataDigest, ReferenceValues.empty());
    }

    private static byte[] reportData(byte[] quote) {
        return TdxQuote.parse(quote).reportData();
    }

    @Test
    void claimsAreTrusteesParseTdxClaimsWithoutEventLogAndPlatformInstance() throws Exception {
        byte[] quote = quote("tdx_quote_4.dat");
        ObjectNode expected = (ObjectNode) TestData.json(DIR + "parse_tdx_claims_expected.json");
        expected.remove("uefi_event_logs");
        expected.remove("platform_instance_id");
        assertEquals(expected, verify(quote, reportData(quote), new byte[32]));
    }

    @Test
    void version5QuoteVerifiesWithItsBodyTypeAndSize() throws Exception {
        byte[] quote = quote("tdx_quote_5.dat");
        ObjectNode claims = verify(quote, reportData(quote), null);
        assertEquals("0500", claims.at("/quote/header/version").asText());
        assertTrue(claims.at("/quote/type").isTextual());
        assertTrue(claims.at("/quote/size").isTextual());
        assertEquals(claims.at("/quote/body/mr_config_id").asText(), claims.get("init_data").asText());
    }

    @ParameterizedTest
    @CsvSource({"tdx_quote_4.dat", "tdx_quote_5.dat"})
    void otherReportDataIsRefused(String file) {
        byte[] quote = quote(file);
        byte[] other = reportData(quote);
        other[63] ^= 1;
        String message = assertThrows(VerificationException.class, () -> verify(quote, other, null)).getMessage();
        assertTrue(message.contains("REPORTDATA"), message);
    }

    @Test
    void initDataOtherThanMrConfigIdIsRefused() {
        byte[] quote = quote("tdx_quote_4.dat");
        byte[] digest = new byte[32];
        digest[0] = 1;
        String message = assertThrows(VerificationException.class,
                () -> verify(quote, reportData(quote), digest)).getMessage();
        assertTrue(message.contains("MRCONFIGID"), message);
    }

    /** In the body, the signature, the attestation key and the header's user data. */
    @ParameterizedTest
    @CsvSource({
        "tdx_quote_4.dat, " + (BODY + 136),
        "tdx_quote_4.dat, " + (BODY + 584 + 4 + 20),
        "tdx_quote_4.dat, " + (BODY + 584 + 4 + 64 + 3),
        "tdx_quote_5.dat, " + (BODY + 6 + 200),
        "tdx_quote_5.dat, " + 30})
    void flippedBitInTheSignedPartSignatureOrKeyIsRefused(String file, int index) {
        byte[] quote = quote(file);
        byte[] reportData = reportData(quote);
        byte[] flipped = BitFlips.flip(Arrays.copyOf(quote, quote.length), index);
        String message = assertThrows(VerificationException.class, () -> verify(flipped, reportData, null))
                .getMessage();
        assertTrue(message.contains("signed by its attestation key") || message.contains("unusable"), message);
    }
}
