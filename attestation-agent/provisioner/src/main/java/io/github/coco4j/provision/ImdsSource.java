package io.github.coco4j.provision;

import io.github.coco4j.errors.Failures;
import io.github.coco4j.exit.OpenHttpClients;
import io.github.coco4j.tls.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * User-data from a cloud's instance metadata service, with the paths and headers each cloud
 * requires. Azure and GCP return it base64-encoded; AWS returns it as is, behind an IMDSv2 session
 * token when the service hands one out (IMDSv1 otherwise).
 */
final class ImdsSource implements UserDataSource {
    private static final Logger LOG = Logger.getLogger(ImdsSource.class.getName());
    static final String LINK_LOCAL = "http://169.254.169.254";
    static final String GOOGLE = "http://metadata.google.internal";
    private static final Duration AWS_TOKEN_TIMEOUT = Duration.ofSeconds(5);

    enum Cloud { AZURE, AWS, GCP }

    private final Cloud cloud;
    private final String base;
    private final HttpClient http = OpenHttpClients.build(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .sslContext(TlsTrust.jvm()));

    /** {@code base} replaces the metadata service's scheme and host, e.g. for a local stand-in. */
    ImdsSource(Cloud cloud, String base) {
        this.cloud = cloud;
        this.base = base != null ? base.replaceAll("/+$", "") : (cloud == Cloud.GCP ? GOOGLE : LINK_LOCAL);
    }

    @Override
    public String name() {
        return cloud.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public byte[] fetch(Duration timeout) throws IOException {
        return switch (cloud) {
            case AZURE -> base64(get("/metadata/instance/compute/userData?api-version=2021-01-01&format=text",
                    timeout, "Metadata", "true"));
            case GCP -> base64(get("/computeMetadata/v1/instance/attributes/user-data", timeout,
                    "Metadata-Flavor", "Google"));
            case AWS -> awsUserData(timeout);
        };
    }

    private byte[] awsUserData(Duration timeout) throws IOException {
        String token = awsToken();
        return token == null
                ? get("/latest/user-data", timeout)
                : get("/latest/user-data", timeout, "X-aws-ec2-metadata-token", token);
    }

    /** An IMDSv2 session token, or null to fall back to IMDSv1. */
    private String awsToken() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/latest/api/token"))
                .timeout(AWS_TOKEN_TIMEOUT)
                .header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            LOG.info("IMDSv2 token request answered " + response.statusCode() + "; falling back to IMDSv1");
        } catch (IOException e) {
            LOG.info("IMDSv2 token request failed (" + Failures.describe(e) + "); falling back to IMDSv1");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private byte[] get(String path, Duration timeout, String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body = UserDataSource.readBounded(response.body(), name());
            if (response.statusCode() != 200) {
                throw new IOException(name() + " metadata service answered " + response.statusCode() + " for " + path);
            }
            return body;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching user-data", e);
        }
    }

    private byte[] base64(byte[] body) throws IOException {
        try {
            return Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IOException(name() + " user-data is not base64: " + e.getMessage());
        }
    }
}
