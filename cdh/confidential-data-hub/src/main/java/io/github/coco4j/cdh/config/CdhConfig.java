package io.github.coco4j.cdh.config;

import io.github.coco4j.cdh.image.config.ImagePullConfig;
import io.github.coco4j.config.ConfigException;
import io.github.coco4j.config.TomlConfig;
import io.github.coco4j.wire.DefaultAddresses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * cdh.toml as upstream writes it: {@code socket}, {@code [kbc] name, url, kbs_cert},
 * {@code [[credentials]] resource_uri, path} (or {@code credentials = []}), {@code [aa] aa_socket},
 * and the image puller's {@code [image]} section. Other keys are ignored with a warning, as upstream
 * ignores them.
 */
public record CdhConfig(String socket, String aaSocket, Kbc kbc, List<Credential> credentials, Duration cacheTtl,
                        ImagePullConfig image) {
    /** Credentials may only be written below this directory. */
    public static final Path CREDENTIALS_ROOT = Path.of("/run/confidential-containers/cdh/kbs");
    private static final Set<String> KNOWN = known();
    private static final Set<String> KBC_NAMES = Set.of("cc_kbc", "offline_fs_kbc");

    public record Kbc(String name, String url, Optional<String> certificatePem) {
    }

    public record Credential(String resourceUri, Path path) {
    }

    private static Set<String> known() {
        Set<String> keys = new java.util.HashSet<>(Set.of("socket", "kbc.name", "kbc.url", "kbc.kbs_cert", "credentials",
                "aa.aa_socket", "resource_cache.ttl_seconds"));
        keys.addAll(ImagePullConfig.KEYS);
        return Set.copyOf(keys);
    }

    public static CdhConfig load(Path file) throws ConfigException {
        return read(TomlConfig.load(file));
    }

    public static CdhConfig parse(String text, String name) throws ConfigException {
        return read(TomlConfig.parse(text, name));
    }

    private static CdhConfig read(TomlConfig toml) throws ConfigException {
        toml.warnUnknown(KNOWN);
        String socket = toml.string("socket").orElse(DefaultAddresses.CONFIDENTIAL_DATA_HUB);
        String aaSocket = toml.string("aa.aa_socket").orElse(DefaultAddresses.ATTESTATION_AGENT);
        return new CdhConfig(socket, aaSocket, kbc(toml), credentials(toml), cacheTtl(toml), ImagePullConfig.read(toml));
    }

    private static Kbc kbc(TomlConfig toml) throws ConfigException {
        if (toml.table("kbc").isEmpty()) {
            throw new ConfigException(toml.source() + ": [kbc] is missing");
        }
        String kbcName = toml.string("kbc.name").orElseThrow(() -> toml.error("kbc.name", "is missing"));
        if (!KBC_NAMES.contains(kbcName)) {
            throw toml.error("kbc.name", "'" + kbcName + "' is not one of " + KBC_NAMES);
        }
        String url = toml.string("kbc.url").orElse("");
        if (kbcName.equals("cc_kbc") && !url.matches("https?://.+")) {
            throw toml.error("kbc.url", "must be the KBS's http(s):// URL for cc_kbc");
        }
        return new Kbc(kbcName, url, toml.string("kbc.kbs_cert").filter(s -> !s.isBlank()));
    }

    private static List<Credential> credentials(TomlConfig toml) throws ConfigException {
        List<Credential> out = new ArrayList<>();
        Optional<TomlArray> array = toml.array("credentials");
        if (array.isEmpty()) {
            return out;
        }
        for (int i = 0; i < array.get().size(); i++) {
            if (!(array.get().get(i) instanceof TomlTable t) || !(t.get("resource_uri") instanceof String uri)
                    || !(t.get("path") instanceof String path)) {
                throw toml.error("credentials[" + i + "]", "needs resource_uri and path strings");
            }
            Path target = Path.of(path).normalize();
            if (!target.isAbsolute() || !target.startsWith(CREDENTIALS_ROOT) || target.equals(CREDENTIALS_ROOT)) {
                throw toml.error("credentials[" + i + "].path", "must be a file under " + CREDENTIALS_ROOT);
            }
            out.add(new Credential(uri, target));
        }
        return out;
    }

    /** {@code [resource_cache] ttl_seconds} (an extension of upstream's file): 0, the default, is off. */
    private static Duration cacheTtl(TomlConfig toml) throws ConfigException {
        long seconds = toml.integer("resource_cache.ttl_seconds").orElse(0L);
        if (seconds < 0 || seconds > 86_400) {
            throw toml.error("resource_cache.ttl_seconds", "must be an integer from 0 to 86400");
        }
        return Duration.ofSeconds(seconds);
    }
}
