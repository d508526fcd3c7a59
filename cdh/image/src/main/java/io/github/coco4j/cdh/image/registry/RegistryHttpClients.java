package io.github.coco4j.cdh.image.registry;

import io.github.coco4j.exit.OpenHttpClients;
import io.github.coco4j.tls.TlsTrust;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The one HTTP client of a puller: the JVM's roots plus {@code extra_root_certificates}, the proxy, timeouts. */
public final class RegistryHttpClients {
    private RegistryHttpClients() {
    }

    public static HttpClient create(List<String> extraRootPems, ProxySettings proxy, Duration connectTimeout)
            throws GeneralSecurityException {
        return OpenHttpClients.build(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout)
                .proxy(proxy.selector())
                .sslContext(TlsTrust.context(extraRoots(extraRootPems))));
    }

    /** The default roots are kept: extra roots add to them, as upstream's rustls configuration does. */
    private static List<X509Certificate> extraRoots(List<String> extraRootPems) throws GeneralSecurityException {
        List<X509Certificate> roots = new ArrayList<>();
        for (String pem : extraRootPems) {
            roots.addAll(TlsTrust.certificates(pem));
        }
        return roots;
    }
}
