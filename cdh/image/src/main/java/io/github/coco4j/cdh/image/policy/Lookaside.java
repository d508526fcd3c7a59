package io.github.coco4j.cdh.image.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.reference.ImageReference;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simple-signing lookaside of a registries.d document ({@code sigstore_config}):
 * {@code docker: {<scope>: {sigstore: URL}}} looked up as policy scopes are, then
 * {@code default-docker}. Every file in {@code <URL>/<repository path>@sha256=<hex>/} is a candidate
 * signature. As upstream, only {@code file://} stores are read.
 */
public final class Lookaside {
    static final int MAX_SIGNATURES = 64;
    static final int MAX_SIGNATURE_BYTES = 256 * 1024;
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Map<String, String> scopes;
    private final Optional<String> defaultStore;

    private Lookaside(Map<String, String> scopes, Optional<String> defaultStore) {
        this.scopes = scopes;
        this.defaultStore = defaultStore;
    }

    public static Lookaside parse(byte[] yaml) throws IOException {
        JsonNode root;
        try (JsonParser parser = YAML.createParser(yaml)) {
            root = JsonTrees.read(parser);
        }
        if (!root.isObject()) {
            throw new IOException("the sigstore configuration is not a YAML mapping");
        }
        Map<String, String> scopes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("docker").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            scopes.put(e.getKey(), store(e.getValue(), "docker." + e.getKey()));
        }
        Optional<String> fallback = root.has("default-docker")
                ? Optional.of(store(root.get("default-docker"), "default-docker")) : Optional.empty();
        return new Lookaside(Map.copyOf(scopes), fallback);
    }

    private static String store(JsonNode entry, String where) throws IOException {
        JsonNode url = entry.get("sigstore");
        if (url == null || !url.isTextual()) {
            throw new IOException("sigstore configuration " + where + " has no \"sigstore\" URL");
        }
        return url.asText();
    }

    /** The store URL configured for the image, if any. */
    Optional<String> storeFor(ImageReference image) {
        for (String scope : SignaturePolicy.scopes(image)) {
            if (scopes.containsKey(scope)) {
                return Optional.of(scopes.get(scope));
            }
        }
        return defaultStore;
    }

    /** The signatures stored for the image's manifest digest, by file name; none when the directory is absent. */
    Map<String, byte[]> signatures(ImageReference image, Digest digest) throws IOException {
        String store = storeFor(image).orElseThrow(() -> new IOException("no sigstore lookaside is configured for " + image.name()));
        if (!store.startsWith("file://")) {
            throw new IOException("sigstore " + store + ": only file:// signature stores are supported");
        }
        Path dir = Path.of(URI.create(store).getPath())
                .resolve(image.repository() + "@" + digest.algorithm() + "=" + digest.hex());
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Path file : sortedFiles(dir)) {
            try (InputStream in = Files.newInputStream(file)) {
                out.put(file.getFileName().toString(), in.readNBytes(MAX_SIGNATURE_BYTES));
            }
        }
        return out;
    }

    private static List<Path> sortedFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            entries.forEach(files::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        files.sort(null);
        return files.size() > MAX_SIGNATURES ? files.subList(0, MAX_SIGNATURES) : files;
    }
}
