package io.github.coco4j.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS contexts for the programs' HTTP clients: configured certificates and the JVM's trust
 * anchors, the JVM's read only when a server's chain does not end at a configured one.
 *
 * <p>A JDK HTTP client built without a context takes the JVM's default one as it is built, and
 * with it reads and parses every trust anchor of the JVM, some 2 MB of heap that stay live: in a
 * daemon whose only server is a KBS with its own certificate, or a metadata service over plain
 * HTTP, none of them is ever used.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** The JVM's trust anchors alone, read on the first handshake. */
    public static SSLContext jvm() {
        return context(List.of());
    }

    /** The given certificates, then the JVM's trust anchors. */
    public static SSLContext context(Collection<X509Certificate> configured) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509ExtendedTrustManager[] {trustManager(configured)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no TLS: " + e.getMessage(), e);
        }
    }

    static FallbackTrustManager trustManager(Collection<X509Certificate> configured) throws GeneralSecurityException {
        return new FallbackTrustManager(configured.isEmpty() ? null : anchoredAt(configured));
    }

    /** Every certificate in a PEM text, in order; none is an empty list. */
    public static List<X509Certificate> certificates(String pem) throws CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    /** A PKIX trust manager whose only anchors are {@code anchors}. */
    static X509ExtendedTrustManager anchoredAt(Collection<X509Certificate> anchors) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create a key store", e);
        }
        int index = 0;
        for (X509Certificate anchor : anchors) {
            store.setCertificateEntry("anchor-" + index++, anchor);
        }
        return managerOf(store);
    }

    /** The JDK's own trust manager, over the JVM's trust anchors (read here). */
    static X509ExtendedTrustManager anchoredAtJvm() throws GeneralSecurityException {
        return managerOf(null);
    }

    private static X509ExtendedTrustManager managerOf(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}
