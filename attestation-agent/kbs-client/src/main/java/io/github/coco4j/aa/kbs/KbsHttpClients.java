package io.github.coco4j.aa.kbs;

import io.github.coco4j.errors.Failures;
import io.github.coco4j.exit.OpenHttpClients;
import io.github.coco4j.tls.TlsTrust;
import java.net.http.HttpClient;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP clients for talking to a KBS: the KBS certificate when configured, then the JVM's trust
 * anchors ({@link TlsTrust}). One client per certificate is shared by the JVM (the attestation
 * agent and the data hub run in one): the JDK's client is safe to share, and each one holds a
 * selector thread and a pool of workers. Sessions are not shared: the KBS's session cookie is set
 * per request by its caller, the client keeps no cookies.
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
        return OpenHttpClients.build(HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(certificatePem.isEmpty() ? TlsTrust.jvm() : TlsTrust.context(configured(certificatePem))));
    }

    private static List<X509Certificate> configured(String certificatePem) {
        List<X509Certificate> certificates;
        try {
            certificates = TlsTrust.certificates(certificatePem);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("KBS cert: " + Failures.describe(e), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("KBS cert: no certificate in the configured PEM");
        }
        return certificates;
    }
}
