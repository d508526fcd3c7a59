package io.github.coco4j.aa.kbs;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.TestData;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KbsHttpClientsTest {
    private static String pem(String name) {
        return new String(TestData.bytes("attestation/trustee-verifier/az-snp-vtpm/" + name), StandardCharsets.US_ASCII);
    }

    @Test
    void oneClientPerCertificate() {
        HttpClient milan = KbsHttpClients.forCertificate(pem("vcek.pem"));
        HttpClient genoa = KbsHttpClients.forCertificate(pem("vcek-genoa.pem"));
        assertSame(milan, KbsHttpClients.forCertificate(pem("vcek.pem")));
        assertNotSame(milan, genoa);
        assertNotSame(milan, KbsHttpClients.forCertificate(null));
    }

    @Test
    void noCertificateAndABlankOneAreTheSame() {
        assertSame(KbsHttpClients.forCertificate(null), KbsHttpClients.forCertificate("  \n"));
    }

    @Test
    void aBadCertificateFailsEveryTimeAndIsNotKept() {
        for (int i = 0; i < 2; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KbsHttpClients.forCertificate("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"));
            assertTrue(e.getMessage().startsWith("KBS cert: "), e.getMessage());
        }
    }
}
