package io.github.coco4j.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes with the JDK's HTTPS server, its certificates made by keytool. */
class TlsTrustTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static X509Certificate serverCertificate;
    private static X509Certificate otherCertificate;

    @BeforeAll
    static void start() throws Exception {
        KeyStore serverKeys = keyPair("server");
        serverCertificate = (X509Certificate) serverKeys.getCertificate("server");
        otherCertificate = (X509Certificate) keyPair("other").getCertificate("other");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** A self-signed EC key pair for the host name localhost only. */
    private static KeyStore keyPair(String alias) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    private static int get(FallbackTrustManager trust, String host) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        HttpClient client = HttpClient.newBuilder().sslContext(context).build();
        URI uri = URI.create("https://" + host + ":" + server.getAddress().getPort() + "/");
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aConfiguredCertificateIsTrustedWithoutReadingTheJvmAnchors() throws Exception {
        FallbackTrustManager trust = TlsTrust.trustManager(List.of(serverCertificate));
        assertEquals(204, get(trust, "localhost"));
        assertFalse(trust.readJvmAnchors());
    }

    @Test
    void aCertificateNeitherConfiguredNorIssuedByTheJvmAnchorsIsRefused() throws Exception {
        FallbackTrustManager trust = TlsTrust.trustManager(List.of(otherCertificate));
        assertThrows(SSLHandshakeException.class, () -> get(trust, "localhost"));
        assertTrue(trust.readJvmAnchors(), "the JVM's anchors are the fallback");
        FallbackTrustManager jvmOnly = TlsTrust.trustManager(List.of());
        assertThrows(SSLHandshakeException.class, () -> get(jvmOnly, "localhost"));
    }

    @Test
    void theHostNameIsStillChecked() throws Exception {
        FallbackTrustManager trust = TlsTrust.trustManager(List.of(serverCertificate));
        assertThrows(SSLHandshakeException.class, () -> get(trust, "127.0.0.1"));
    }

    @Test
    void certificatesAreReadFromPemInOrder() throws Exception {
        String pem = pem(serverCertificate) + pem(otherCertificate);
        assertEquals(List.of(serverCertificate, otherCertificate), TlsTrust.certificates(pem));
        assertEquals(List.of(), TlsTrust.certificates(""));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
