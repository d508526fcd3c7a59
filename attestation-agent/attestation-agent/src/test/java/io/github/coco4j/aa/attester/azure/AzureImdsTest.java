package io.github.coco4j.aa.attester.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.evidence.HclReport;
import io.github.coco4j.devplatform.ImdsStandIn;
import io.github.coco4j.testing.TestData;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureImdsTest {
    private static String certificationPem() {
        return new String(TestData.bytes("attestation/trustee-verifier/az-snp-vtpm/vcek.pem"), StandardCharsets.US_ASCII);
    }

    @Test
    void vcekIsTheFirstCertificateOfTheCertificationAnswer() throws Exception {
        try (ImdsStandIn imds = new ImdsStandIn(certificationPem(), null, null)) {
            byte[] vcek = new AzureImds(imds.url()).vcek();
            byte[] expected = CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(certificationPem().getBytes(StandardCharsets.US_ASCII))).getEncoded();
            assertArrayEquals(expected, vcek);
            assertEquals(List.of("GET /metadata/THIM/amd/certification"), imds.requests());
        }
    }

    @Test
    void tdQuoteIsFetchedForTheTdReportOfTheHclReport() throws Exception {
        JsonNode evidence = TestData.json("attestation/trustee-verifier/az-tdx-vtpm/evidence-v1.json");
        byte[] tdReport = HclReport.parse(Base64.getUrlDecoder().decode(evidence.get("hcl_report").asText())).tdReport();
        byte[] quote = TestData.bytes("attestation/trustee-verifier/az-tdx-vtpm/td-quote.bin");
        try (ImdsStandIn imds = new ImdsStandIn(certificationPem(), tdReport, quote)) {
            assertArrayEquals(quote, new AzureImds(imds.url()).tdQuote(tdReport));
            AttestationException e = assertThrows(AttestationException.class,
                    () -> new AzureImds(imds.url()).tdQuote(new byte[1024]));
            assertTrue(e.getMessage().contains("400"), e.getMessage());
        }
    }

    @Test
    void unreachableImdsIsAClearError() {
        AttestationException e = assertThrows(AttestationException.class,
                () -> new AzureImds(java.net.URI.create("http://127.0.0.1:9")).vcek());
        assertTrue(e.getMessage().contains("IMDS VCEK certification request"), e.getMessage());
    }
}
