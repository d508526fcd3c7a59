package io.github.coco4j.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks a chain against the configured anchors first and against the JVM's only when they do not
 * verify it, reading the JVM's on that first need. A PKIX path ends at one anchor, so this accepts
 * what one manager holding both sets of anchors would. Each check is delegated whole, host name
 * included, to the JDK's own manager.
 */
final class FallbackTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager configured;
    private volatile X509ExtendedTrustManager jvm;

    /** @param configured the configured anchors' manager; null for none */
    FallbackTrustManager(X509ExtendedTrustManager configured) {
        this.configured = configured;
    }

    private interface Check {
        void on(X509ExtendedTrustManager manager) throws CertificateException;
    }

    private void check(Check check) throws CertificateException {
        if (configured == null) {
            check.on(jvm());
            return;
        }
        try {
            check.on(configured);
        } catch (CertificateException notConfigured) {
            try {
                check.on(jvm());
            } catch (CertificateException notJvm) {
                notJvm.addSuppressed(notConfigured);
                throw notJvm;
            }
        }
    }

    /** Whether the JVM's anchors have been read. */
    boolean readJvmAnchors() {
        return jvm != null;
    }

    private X509ExtendedTrustManager jvm() throws CertificateException {
        X509ExtendedTrustManager manager = jvm;
        if (manager == null) {
            synchronized (this) {
                manager = jvm;
                if (manager == null) {
                    try {
                        manager = TlsTrust.anchoredAtJvm();
                    } catch (GeneralSecurityException e) {
                        throw new CertificateException("cannot read the JVM's trust anchors: " + e.getMessage(), e);
                    }
                    jvm = manager;
                }
            }
        }
        return manager;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(manager -> manager.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(manager -> manager.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(manager -> manager.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(manager -> manager.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(manager -> manager.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(manager -> manager.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        X509Certificate[] own = configured == null ? new X509Certificate[0] : configured.getAcceptedIssuers();
        try {
            X509Certificate[] jvmIssuers = jvm().getAcceptedIssuers();
            X509Certificate[] all = Arrays.copyOf(own, own.length + jvmIssuers.length);
            System.arraycopy(jvmIssuers, 0, all, own.length, jvmIssuers.length);
            return all;
        } catch (CertificateException e) {
            return own;
        }
    }
}
