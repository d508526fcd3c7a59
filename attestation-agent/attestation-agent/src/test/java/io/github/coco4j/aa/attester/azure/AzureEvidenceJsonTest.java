package io.github.coco4j.aa.attester.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.HclReport;
import io.github.coco4j.testing.Signatures;
import io.github.coco4j.testing.TestData;
import io.github.coco4j.tpm.Quote;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evidence JSON, field for field: the recorded Azure evidence, taken apart into what the vTPM
 * and IMDS returned and put together again, comes out as the very same text.
 */
class AzureEvidenceJsonTest {
    private static final String RECORDED = "attestation/trustee-verifier/";
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void recordedSnpEvidenceV2IsReproducedExactly() {
        JsonNode recorded = TestData.json(RECORDED + "az-snp-vtpm/evidence-v2.json");
        ObjectNode evidence = reassembled(recorded);
        evidence.put("vcek", AzureVtpm.base64Url(Base64.getUrlDecoder().decode(recorded.get("vcek").asText())));
        assertEquals(recorded.toString(), evidence.toString());
    }

    @Test
    void recordedTdxEvidenceIsReproducedExceptForTheSchemaVersion() {
        JsonNode recorded = TestData.json(RECORDED + "az-tdx-vtpm/evidence-v1.json");
        ObjectNode evidence = reassembled(recorded);
        evidence.put("td_quote", AzureVtpm.base64Url(Base64.getUrlDecoder().decode(recorded.get("td_quote").asText())));
        assertEquals(2, evidence.get("version").asInt());
        evidence.put("version", 1);
        assertEquals(recorded.toString(), evidence.toString());
    }

    /** The vTPM part of the evidence, from the HCL report and a quote as the TPM returns it. */
    private static ObjectNode reassembled(JsonNode recorded) {
        JsonNode quote = recorded.get("tpm_quote");
        byte[] signature = HEX.parseHex(quote.get("signature").asText());
        byte[] tpmtSignature = Signatures.tpmtRsassaSha256(signature);
        List<byte[]> pcrs = new ArrayList<>();
        quote.get("pcrs").forEach(pcr -> pcrs.add(HEX.parseHex(pcr.asText())));
        HclReport hcl = HclReport.parse(Base64.getUrlDecoder().decode(recorded.get("hcl_report").asText()));
        Quote tpmQuote = new Quote(HEX.parseHex(quote.get("message").asText()), tpmtSignature, pcrs,
                hcl.attestationKey().getEncoded());
        return new AzureVtpm.Gathered(hcl, tpmQuote).evidence();
    }
}
