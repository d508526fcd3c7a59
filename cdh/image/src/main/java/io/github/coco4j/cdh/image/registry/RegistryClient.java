package io.github.coco4j.cdh.image.registry;

import io.github.coco4j.errors.Failures;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.reference.ImageReference;
import io.github.coco4j.cdh.image.registry.RegistryCredentials.UserPassword;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The OCI distribution API for one repository at one endpoint: manifests by tag or digest and blobs
 * as streams. On a 401 it answers the registry's challenge once — Basic with the configured
 * credentials, or Bearer with a token from the realm (anonymous, or with those credentials) — and
 * keeps the answer for the following requests.
 */
public final class RegistryClient {
    public static final String ACCEPT_MANIFESTS = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");
    private static final int MAX_TOKEN_BYTES = 1 << 20;

    private final HttpClient http;
    private final String base;
    private final String repository;
    private final Optional<UserPassword> credentials;
    private final Duration timeout;
    private volatile String authorization;

    public RegistryClient(HttpClient http, RegistryRules.Endpoint endpoint, Optional<UserPassword> credentials, Duration timeout) {
        this.http = http;
        ImageReference ref = endpoint.reference();
        this.base = (endpoint.insecure() ? "http://" : "https://") + apiHost(ref.registry()) + "/v2/" + ref.repository();
        this.repository = ref.repository();
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /** Docker Hub's API lives on another host than its name. */
    private static String apiHost(String registry) {
        return registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** The manifest at a tag or digest, at most {@code maxBytes}; a digest reference must match the body. */
    public FetchedManifest manifest(String reference, int maxBytes) throws ImageException {
        HttpResponse<InputStream> response = get("/manifests/" + reference, ACCEPT_MANIFESTS);
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw transport("reading manifest " + reference, e);
        }
        if (body.length > maxBytes) {
            throw new ImageException(Stage.MANIFEST, "manifest " + reference + " is larger than " + maxBytes + " bytes");
        }
        Digest digest = Digest.sha256(body);
        Optional<String> claimed = response.headers().firstValue("Docker-Content-Digest");
        if (reference.contains(":")) {
            requireDigest(Digest.parse(reference), body, "the requested digest");
        } else if (claimed.isPresent() && claimed.get().startsWith("sha256:") && !claimed.get().equals(digest.toString())) {
            throw new ImageException(Stage.MANIFEST, "manifest " + reference + " has digest " + digest
                    + " but the registry's Docker-Content-Digest says " + claimed.get());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new FetchedManifest(body, type, reference.contains(":") ? Digest.parse(reference) : digest);
    }

    private static void requireDigest(Digest expected, byte[] body, String what) throws ImageException {
        var hasher = expected.newHasher();
        hasher.update(body);
        if (!expected.matches(hasher)) {
            throw new ImageException(Stage.MANIFEST, "manifest does not match " + what + " " + expected);
        }
    }

    /** A blob's bytes as they arrive; the caller verifies size and digest. */
    public InputStream blob(Digest digest, Duration idleTimeout) throws ImageException {
        return new IdleTimeoutInputStream(get("/blobs/" + digest, "*/*").body(), idleTimeout);
    }

    private HttpResponse<InputStream> get(String path, String accept) throws ImageException {
        HttpResponse<InputStream> response = send(path, accept);
        if (response.statusCode() == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            close(response);
            authorization = answer(Challenge.parse(challenge).orElseThrow(() -> new ImageException(Stage.AUTH,
                    base + path + ": 401 without a WWW-Authenticate challenge")));
            response = send(path, accept);
        }
        int status = response.statusCode();
        if (status == 200) {
            return response;
        }
        close(response);
        Stage stage = status == 401 || status == 403 ? Stage.AUTH : Stage.TRANSPORT;
        throw new ImageException(stage, "GET " + base + path + ": HTTP " + status
                + (stage == Stage.AUTH ? (credentials.isPresent() ? " (credentials refused)" : " (no credentials configured)") : ""));
    }

    private HttpResponse<InputStream> send(String path, String accept) throws ImageException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return exchange(request.build(), base + path);
    }

    private HttpResponse<InputStream> exchange(HttpRequest request, String what) throws ImageException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw transport("GET " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(Stage.TRANSPORT, "GET " + what + ": interrupted");
        }
    }

    private String answer(Challenge challenge) throws ImageException {
        if (challenge.scheme().equals("basic")) {
            return credentials.orElseThrow(() -> new ImageException(Stage.AUTH,
                    base + " asks for basic authentication and no credentials are configured for it")).basicHeader();
        }
        if (!challenge.scheme().equals("bearer") || !challenge.parameters().containsKey("realm")) {
            throw new ImageException(Stage.AUTH, base + ": unsupported authentication challenge " + challenge.scheme());
        }
        return "Bearer " + token(challenge);
    }

    private String token(Challenge challenge) throws ImageException {
        StringBuilder url = new StringBuilder(challenge.parameters().get("realm"));
        url.append(url.indexOf("?") < 0 ? '?' : '&');
        Optional.ofNullable(challenge.parameters().get("service")).ifPresent(s -> url.append("service=").append(encode(s)).append('&'));
        url.append("scope=").append(encode("repository:" + repository + ":pull"));
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new ImageException(Stage.AUTH, "malformed token realm " + challenge.parameters().get("realm"));
        }
        credentials.ifPresent(c -> request.header("Authorization", c.basicHeader()));
        HttpResponse<InputStream> response = exchange(request.build(), "token " + url);
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_TOKEN_BYTES);
            if (response.statusCode() != 200) {
                throw new ImageException(Stage.AUTH, "token request to " + challenge.parameters().get("realm")
                        + " answered HTTP " + response.statusCode());
            }
            JsonNode json = JsonTrees.read(body);
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new ImageException(Stage.AUTH, "token answer from " + challenge.parameters().get("realm") + " has no token");
            }
            return token;
        } catch (ImageException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageException(Stage.AUTH, "token request to " + challenge.parameters().get("realm") + ": " + e.getMessage(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // Only the status mattered.
        }
    }

    private static ImageException transport(String what, IOException e) {
        return new ImageException(Stage.TRANSPORT, what + ": " + Failures.describe(e), e);
    }
}
