package io.github.coco4j.cdh.image.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.reference.ImageReference;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * containers-policy.json as upstream evaluates it: {@code default} and {@code transports} are both
 * required; only {@code transports.docker} is consulted, its scopes tried from the whole reference,
 * through {@code registry/repo} and each shorter prefix, then {@code *.domain} wildcards of the host,
 * then {@code ""}, before {@code default}.
 */
public record SignaturePolicy(List<Requirement> defaults, Map<String, List<Requirement>> dockerScopes) {

    public static SignaturePolicy parse(byte[] json) throws IOException {
        JsonNode root = JsonTrees.read(json);
        if (!root.isObject() || !root.has("default") || !root.has("transports")) {
            throw new IOException("invalid policy file: it needs both \"default\" and \"transports\"");
        }
        Map<String, List<Requirement>> scopes = new LinkedHashMap<>();
        JsonNode docker = root.path("transports").path("docker");
        for (Iterator<Map.Entry<String, JsonNode>> it = docker.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            scopes.put(e.getKey(), requirements(e.getValue(), "transports.docker." + e.getKey()));
        }
        return new SignaturePolicy(requirements(root.get("default"), "default"), Map.copyOf(scopes));
    }

    private static List<Requirement> requirements(JsonNode array, String where) throws IOException {
        if (!array.isArray()) {
            throw new IOException("invalid policy file: " + where + " must be an array of requirements");
        }
        List<Requirement> out = new ArrayList<>();
        for (JsonNode r : array) {
            out.add(requirement(r, where));
        }
        return List.copyOf(out);
    }

    private static Requirement requirement(JsonNode r, String where) throws IOException {
        String type = r.path("type").asText("");
        return switch (type) {
            case "insecureAcceptAnything" -> new Requirement.InsecureAcceptAnything();
            case "reject" -> new Requirement.Reject();
            case "signedBy", "sigstoreSigned" -> signed(type, r, where);
            default -> throw new IOException("invalid policy file: " + where + " has unknown requirement type \"" + type + "\"");
        };
    }

    private static Requirement signed(String type, JsonNode r, String where) throws IOException {
        String at = "invalid policy file: " + where + " " + type;
        if (type.equals("signedBy") && !r.path("keyType").asText("").equals("GPGKeys")) {
            throw new IOException(at + " needs keyType \"GPGKeys\" (the only key type supported)");
        }
        if (r.has("fulcio") || r.has("pki")) {
            throw new IOException(at + ": keyless verification (fulcio, pki) is not supported; give keyPath or keyData");
        }
        List<String> keyPaths = keyPaths(r, at);
        Optional<String> keyData = text(r, "keyData");
        if (keyPaths.isEmpty() == keyData.isEmpty()) {
            throw new IOException(at + " needs exactly one of keyPath, keyPaths and keyData");
        }
        Optional<SignedIdentity> identity = r.has("signedIdentity")
                ? Optional.of(SignedIdentity.parse(r.get("signedIdentity"), at)) : Optional.empty();
        return new Requirement.Signed(type, keyPaths, keyData, identity);
    }

    private static List<String> keyPaths(JsonNode r, String at) throws IOException {
        Optional<String> keyPath = text(r, "keyPath");
        JsonNode many = r.get("keyPaths");
        if (many == null) {
            return keyPath.map(List::of).orElse(List.of());
        }
        if (keyPath.isPresent() || !many.isArray() || many.isEmpty()) {
            throw new IOException(at + ": keyPaths must be a non-empty array, not given with keyPath");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode path : many) {
            if (!path.isTextual()) {
                throw new IOException(at + ": keyPaths must hold strings");
            }
            out.add(path.asText());
        }
        return List.copyOf(out);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** The scope that applies to a reference and its requirements. */
    public Map.Entry<String, List<Requirement>> requirementsFor(ImageReference reference) {
        for (String scope : scopes(reference)) {
            List<Requirement> found = dockerScopes.get(scope);
            if (found != null) {
                return Map.entry(scope, found);
            }
        }
        return Map.entry("default", defaults);
    }

    static List<String> scopes(ImageReference reference) {
        List<String> out = new ArrayList<>();
        out.add(reference.whole());
        String name = reference.name();
        while (true) {
            out.add(name);
            int slash = name.lastIndexOf('/');
            if (slash < 0) {
                break;
            }
            name = name.substring(0, slash);
        }
        String host = reference.host();
        while (host.contains(".")) {
            host = host.substring(host.indexOf('.') + 1);
            out.add("*." + host);
        }
        out.add("");
        return out;
    }
}
