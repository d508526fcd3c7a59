package io.github.coco4j.cdh.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.reference.ImageReference;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * containers-auth.json as upstream reads it: only {@code auths.<key>.auth} (base64 of user:password)
 * counts, and an entry without it makes the file invalid. The most specific key wins:
 * {@code registry/repo/path}, each shorter prefix, the registry, then keys normalised to a registry.
 */
public final class RegistryCredentials {
    public static final RegistryCredentials NONE = new RegistryCredentials(Map.of());
    private static final Set<String> DOCKER_HUB_ALIASES = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

    public record UserPassword(String user, String password) {
        public String basicHeader() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "UserPassword[" + user + "]";
        }
    }

    private final Map<String, UserPassword> auths;

    private RegistryCredentials(Map<String, UserPassword> auths) {
        this.auths = auths;
    }

    public static RegistryCredentials parse(byte[] json) throws IOException {
        JsonNode root = JsonTrees.read(json);
        JsonNode auths = root.get("auths");
        if (auths == null || !auths.isObject()) {
            throw new IOException("registry credentials: no \"auths\" object");
        }
        Map<String, UserPassword> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), decode(e.getKey(), e.getValue().path("auth").asText("")));
        }
        return new RegistryCredentials(out);
    }

    private static UserPassword decode(String key, String auth) throws IOException {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IOException("registry credentials for " + key + ": auth is not base64");
        }
        int colon = pair.indexOf(':');
        if (auth.isEmpty() || colon < 0) {
            throw new IOException("registry credentials for " + key + ": auth must be base64 of user:password");
        }
        return new UserPassword(pair.substring(0, colon), pair.substring(colon + 1).replace("\n", ""));
    }

    public Optional<UserPassword> lookup(ImageReference reference) {
        String name = reference.name();
        while (true) {
            UserPassword found = auths.get(name);
            if (found != null) {
                return Optional.of(found);
            }
            int slash = name.lastIndexOf('/');
            if (slash < 0) {
                break;
            }
            name = name.substring(0, slash);
        }
        String registry = normalise(reference.registry());
        return auths.entrySet().stream().filter(e -> normalise(e.getKey()).equals(registry))
                .map(Map.Entry::getValue).findFirst();
    }

    private static String normalise(String key) {
        String k = key.replaceFirst("^https?://", "");
        int slash = k.indexOf('/');
        k = slash < 0 ? k : k.substring(0, slash);
        return DOCKER_HUB_ALIASES.contains(k) ? "docker.io" : k;
    }
}
