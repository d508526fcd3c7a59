package io.github.coco4j.aa.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.testing.Signatures;
import io.github.coco4j.testing.TestData;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TdxQuoteTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void v4QuoteMatchesTrusteeClaims() {
        TdxQuote quote = TdxQuote.parse(TestData.bytes("attestation/trustee-verifier/tdx_quote_4.dat"));
        JsonNode expected = TestData.json("attestation/trustee-verifier/parse_tdx_claims_expected.json");
        JsonNode header = expected.at("/quote/header");
        TdxQuote.Header h = quote.header();
        assertEquals(4, h.version());
        assertEquals(header.get("att_key_type").asText(), HEX.formatHex(h.attKeyType()));
        assertEquals(header.get("tee_type").asText(), HEX.formatHex(h.teeType()));
        assertEquals(header.get("reserved").asText(), HEX.formatHex(h.reserved()));
        assertEquals(header.get("vendor_id").asText(), HEX.formatHex(h.vendorId()));
        assertEquals(header.get("user_data").asText(), HEX.formatHex(h.userData()));

        JsonNode body = expected.at("/quote/body");
        bodyFields(quote.body()).forEach((name, value) ->
                assertEquals(body.get(name).asText(), HEX.formatHex(value), "quote.body." + name));
        assertEquals(body.size(), bodyFields(quote.body()).size(), "every body claim is covered");
        assertEquals(expected.get("report_data").asText(), HEX.formatHex(quote.reportData()));
        assertEquals(expected.get("init_data").asText(), HEX.formatHex(quote.mrConfigId()));
        assertNull(quote.v5BodyType());
    }

    @Test
    void v4AndV5QuoteSignaturesVerifyOverTheSignedPart() throws Exception {
        for (String file : new String[] {"tdx_quote_4.dat", "tdx_quote_5.dat"}) {
            TdxQuote quote = TdxQuote.parse(TestData.bytes("attestation/trustee-verifier/" + file));
            TdxQuote.Signature sig = quote.signature();
            assertTrue(Signatures.verifyEcdsa("SHA256", Signatures.ecPublicKey("secp256r1", sig.keyX(), sig.keyY()),
                    quote.signedBytes(), sig.r(), sig.s()), file + " signature must verify");
        }
    }

    @Test
    void v5QuoteCarriesItsBodyType() {
        TdxQuote quote = TdxQuote.parse(TestData.bytes("attestation/trustee-verifier/tdx_quote_5.dat"));
        assertEquals(5, quote.header().version());
        int type = quote.v5BodyType();
        assertTrue(type == 2 || type == 3);
        assertEquals(type == 3, quote.body().mrServiceTd() != null);
        assertEquals(48 + 6 + (type == 3 ? 648 : 584), quote.signedBytes().length);
    }

    @Test
    void truncatedQuoteNamesTheFieldCutShort() {
        byte[] quote = TestData.bytes("attestation/trustee-verifier/tdx_quote_4.dat");
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class,
                () -> TdxQuote.parse(Arrays.copyOf(quote, 48 + 200)));
        assertTrue(e.getMessage().contains("body.mr_config_id"), e.getMessage());
    }

    @Test
    void sgxQuoteIsRejected() {
        byte[] quote = TestData.bytes("attestation/trustee-verifier/tdx_quote_4.dat");
        quote[4] = 0;
        EvidenceFormatException e = assertThrows(EvidenceFormatException.class, () -> TdxQuote.parse(quote));
        assertTrue(e.getMessage().contains("tee_type"), e.getMessage());
    }

    @Test
    void signatureLengthBeyondTheInputIsRejected() {
        byte[] quote = TestData.bytes("attestation/trustee-verifier/tdx_quote_4.dat");
        byte[] cut = Arrays.copyOf(quote, 48 + 584 + 4 + 100);
        assertThrows(EvidenceFormatException.class, () -> TdxQuote.parse(cut));
    }

    @Test
    void mrConfigIdIsReadFromItsOffset() {
        byte[] quote = TestData.bytes("attestation/trustee-verifier/tdx_quote_4.dat");
        byte[] id = new byte[48];
        Arrays.fill(id, (byte) 0x5a);
        System.arraycopy(id, 0, quote, 48 + 184, 48);
        assertArrayEquals(id, TdxQuote.parse(quote).mrConfigId());
    }

    private static Map<String, byte[]> bodyFields(TdxQuote.Body b) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("tcb_svn", b.tcbSvn());
        fields.put("mr_seam", b.mrSeam());
        fields.put("mrsigner_seam", b.mrSignerSeam());
        fields.put("seam_attributes", b.seamAttributes());
        fields.put("td_attributes", b.tdAttributes());
        fields.put("xfam", b.xfam());
        fields.put("mr_td", b.mrTd());
        fields.put("mr_config_id", b.mrConfigId());
        fields.put("mr_owner", b.mrOwner());
        fields.put("mr_owner_config", b.mrOwnerConfig());
        for (int i = 0; i < 4; i++) {
            fields.put("rtmr_" + i, b.rtmrs().get(i));
        }
        fields.put("report_data", b.reportData());
        return fields;
    }
}
