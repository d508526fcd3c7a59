package io.github.coco4j.cdh.image.registry;

import io.github.coco4j.exit.OpenHttpClients;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The one HTTP client of a puller: the JVM's roots plus {@code extra_root_certificates}, the proxy, timeouts. */
public final class RegistryHttpClients {
    private RegistryHttpClients() {
    }

    public static HttpClient create(List<String> extraRootPems, ProxySettings proxy, Duration connectTimeout)
            throws GeneralSecurityException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout)
                .proxy(proxy.selector());
        if (!extraRootPems.isEmpty()) {
            builder.sslContext(sslContext(extraRootPems));
        }
        return OpenHttpClients.build(builder);
    }

    /** The default roots are kept: extra roots add to them, as upstream's rustls configuration does. */
    private static SSLContext sslContext(List<String> extraRootPems) throws GeneralSecurityException {
        KeyStore roots;
        try {
            roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create a key store", e);
        }
        int n = 0;
        for (X509Certificate c : defaultTrustManager().getAcceptedIssuers()) {
            roots.setCertificateEntry("default-" + n++, c);
        }
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (String pem : extraRootPems) {
            for (var cert : x509.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                roots.setCertificateEntry("extra-" + n++, cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(roots);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}
