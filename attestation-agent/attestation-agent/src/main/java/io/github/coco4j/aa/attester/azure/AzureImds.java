package io.github.coco4j.aa.attester.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.exit.OpenHttpClients;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.tls.TlsTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;

/**
 * The parts of Azure's instance metadata service (IMDS, {@code http://169.254.169.254}) a
 * confidential VM attests with: the VCEK certificate of an SEV-SNP host
 * ({@code GET /metadata/THIM/amd/certification}) and a TD quote for a TD report
 * ({@code POST /acc/tdquote}), both with the {@code Metadata: true} header.
 */
public final class AzureImds {
    public static final URI DEFAULT_URL = URI.create("http://169.254.169.254");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;

    public AzureImds(URI base) {
        this.base = base;
        this.http = OpenHttpClients.build(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).sslContext(TlsTrust.jvm()));
    }

    /** The VCEK certificate (DER) from the {@code vcekCert} PEM of the certification endpoint. */
    public byte[] vcek() throws AttestationException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/metadata/THIM/amd/certification"))
                .timeout(TIMEOUT).header("Metadata", "true").GET().build();
        JsonNode certification = json(send(request, "VCEK certification"), "VCEK certification");
        String pem = certification.path("vcekCert").asText("");
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .getEncoded();
        } catch (CertificateException e) {
            throw new AttestationException("IMDS: vcekCert is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A TD quote for {@code tdReport}. The report goes as standard base64 first and, if IMDS refuses
     * that, as URL-safe base64; the quote may come back in either form.
     */
    public byte[] tdQuote(byte[] tdReport) throws AttestationException {
        HttpResponse<String> response = postReport(Base64.getEncoder().encodeToString(tdReport));
        if (response.statusCode() / 100 != 2) {
            response = postReport(Base64.getUrlEncoder().withoutPadding().encodeToString(tdReport));
        }
        String quote = json(checked(response, "TD quote"), "TD quote").path("quote").asText("");
        try {
            return Base64.getDecoder().decode(quote);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(quote);
            } catch (IllegalArgumentException e) {
                throw new AttestationException("IMDS: TD quote answer has no base64 quote");
            }
        }
    }

    private HttpResponse<String> postReport(String encodedReport) throws AttestationException {
        String body = JsonTrees.write(JsonNodeFactory.instance.objectNode().put("report", encodedReport));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/acc/tdquote")).timeout(TIMEOUT)
                .header("Metadata", "true").header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request, "TD quote");
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws AttestationException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AttestationException("IMDS " + what + " request to " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttestationException("IMDS " + what + " request interrupted", e);
        }
    }

    private static HttpResponse<String> checked(HttpResponse<String> response, String what)
            throws AttestationException {
        if (response.statusCode() / 100 != 2) {
            throw new AttestationException("IMDS " + what + " answered " + response.statusCode());
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response, String what) throws AttestationException {
        checked(response, what);
        try {
            return JsonTrees.read(response.body());
        } catch (IOException e) {
            throw new AttestationException("IMDS " + what + " answer is not JSON", e);
        }
    }
}
