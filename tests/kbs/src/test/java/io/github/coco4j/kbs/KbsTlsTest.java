package io.github.coco4j.kbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.aa.attester.sample.SampleAttester;
import io.github.coco4j.aa.kbs.KbsHttpClients;
import io.github.coco4j.aa.kbs.KbsProtocolException;
import io.github.coco4j.aa.kbs.RcarClient;
import io.github.coco4j.aa.kbs.RetryPolicy;
import io.github.coco4j.aa.kbs.TeeKeyAlgorithm;
import io.github.coco4j.aa.kbs.TeeKeyPair;
import io.github.coco4j.kbs.attestation.AttestationTokens;
import io.github.coco4j.kbs.attestation.RcarService;
import io.github.coco4j.kbs.http.KbsApi;
import io.github.coco4j.kbs.http.KbsHttpServer;
import io.github.coco4j.kbs.http.TlsContexts;
import io.github.coco4j.kbs.resource.ResourceRepository;
import io.github.coco4j.kbs.testing.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client trusts an HTTPS KBS through the certificate aa.toml gives, and only then. */
class KbsTlsTest {
    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    @TempDir
    Path dir;

    @Test
    void handshakeSucceedsWithTheConfiguredCertificateOnly() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        AttestationTokens tokens = new AttestationTokens(Duration.ofMinutes(5), Clock.systemUTC());
        RcarService rcar = RcarService.create(Duration.ofMinutes(5), Clock.systemUTC(), Optional.empty(), true, tokens);
        KbsApi api = new KbsApi(rcar, tokens, new ResourceRepository(dir), (claims, request) -> false);
        try (KbsHttpServer server = KbsHttpServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)),
                TlsContexts.fromPem(cert.privateKey(), cert.certificate()), api)) {
            URI url = URI.create(server.urls().get(0));
            assertTrue(url.getScheme().equals("https"));
            TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.ECDH_ES_A256KW_P256);
            String token = new RcarClient(url, KbsHttpClients.forCertificate(cert.certificatePem()), ONCE)
                    .attest(new SampleAttester(), key, null).jwt();
            assertEquals(3, token.split("\\.").length);

            KbsProtocolException untrusted = assertThrows(KbsProtocolException.class,
                    () -> new RcarClient(url, KbsHttpClients.forCertificate(null), ONCE).attest(new SampleAttester(), key, null));
            assertTrue(untrusted.getMessage().contains("auth request"), untrusted.getMessage());
        }
    }

    @Test
    void certificateOptionWithoutACertificateIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KbsHttpClients.forCertificate("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"));
        assertTrue(e.getMessage().startsWith("KBS cert:"), e.getMessage());
    }
}
