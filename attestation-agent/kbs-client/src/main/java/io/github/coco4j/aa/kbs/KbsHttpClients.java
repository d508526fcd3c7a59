package io.github.coco4j.aa.kbs;

import io.github.coco4j.errors.Failures;
import io.github.coco4j.exit.OpenHttpClients;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP clients for talking to a KBS: the JVM's trust anchors plus, when configured, the KBS
 * certificate. One client per certificate is shared by the JVM (the attestation agent and the data
 * hub run in one): the JDK's client is safe to share, and each one holds a selector thread, a
 * pool of workers and its own copy of the trust anchors. Sessions are not shared: the KBS's session
 * cookie is set per request by its caller, the client keeps no cookies.
 */
public final class KbsHttpClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, HttpClient> SHARED = new ConcurrentHashMap<>();

    private KbsHttpClients() {
    }

    /**
     * @param certificatePem the KBS certificate(s) from aa.toml's {@code cert}, trusted in addition to
     *     the JVM's anchors; null for none
     */
    public static HttpClient forCertificate(String certificatePem) {
        String key = certificatePem == null || certificatePem.isBlank() ? "" : certificatePem;
        return SHARED.computeIfAbsent(key, KbsHttpClients::create);
    }

    private static HttpClient create(String certificatePem) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (!certificatePem.isEmpty()) {
            builder.sslContext(trusting(certificatePem));
        }
        return OpenHttpClients.build(builder);
    }

    private static SSLContext trusting(String certificatePem) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int index = 0;
            for (var manager : defaults.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        anchors.setCertificateEntry("jvm-" + index++, issuer);
                    }
                }
            }
            Collection<? extends Certificate> configured = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            if (configured.isEmpty()) {
                throw new IllegalArgumentException("KBS cert: no certificate in the configured PEM");
            }
            for (Certificate certificate : configured) {
                anchors.setCertificateEntry("kbs-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("KBS cert: " + Failures.describe(e), e);
        }
    }
}
