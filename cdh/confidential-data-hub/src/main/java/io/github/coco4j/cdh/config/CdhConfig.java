package io.github.coco4j.cdh.config;

import io.github.coco4j.wire.DefaultAddresses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * cdh.toml as upstream writes it: {@code socket}, {@code [kbc] name, url, kbs_cert},
 * {@code [[credentials]] resource_uri, path} (or {@code credentials = []}), {@code [aa] aa_socket},
 * and an {@code [image]} section that is accepted as it is.
 */
public record CdhConfig(String socket, String aaSocket, Kbc kbc, List<Credential> credentials, Duration cacheTtl) {
    /** Credentials may only be written below this directory. */
    public static final Path CREDENTIALS_ROOT = Path.of("/run/confidential-containers/cdh/kbs");
    private static final Set<String> TOP_LEVEL = Set.of("socket", "kbc", "credentials", "aa", "image", "resource_cache");
    private static final Set<String> KBC_NAMES = Set.of("cc_kbc", "offline_fs_kbc");

    public record Kbc(String name, String url, Optional<String> certificatePem) {
    }

    public record Credential(String resourceUri, Path path) {
    }

    public static CdhConfig load(Path file) throws CdhConfigException, IOException {
        return parse(Files.readString(file), file.toString());
    }

    public static CdhConfig parse(String text, String name) throws CdhConfigException {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            throw new CdhConfigException(name + ": " + toml.errors().get(0).toString());
        }
        for (String key : toml.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new CdhConfigException(name + ": unknown key '" + key + "'");
            }
        }
        String socket = string(toml, "socket", name).orElse(DefaultAddresses.CONFIDENTIAL_DATA_HUB);
        String aaSocket = string(toml, "aa.aa_socket", name).orElse(DefaultAddresses.ATTESTATION_AGENT);
        return new CdhConfig(socket, aaSocket, kbc(toml, name), credentials(toml, name), cacheTtl(toml, name));
    }

    private static Kbc kbc(TomlParseResult toml, String name) throws CdhConfigException {
        if (!toml.isTable("kbc")) {
            throw new CdhConfigException(name + ": [kbc] is missing");
        }
        String kbcName = string(toml, "kbc.name", name).orElseThrow(() -> new CdhConfigException(name + ": kbc.name is missing"));
        if (!KBC_NAMES.contains(kbcName)) {
            throw new CdhConfigException(name + ": kbc.name '" + kbcName + "' is not one of " + KBC_NAMES);
        }
        String url = string(toml, "kbc.url", name).orElse("");
        if (kbcName.equals("cc_kbc") && !url.matches("https?://.+")) {
            throw new CdhConfigException(name + ": kbc.url must be the KBS's http(s):// URL for cc_kbc");
        }
        return new Kbc(kbcName, url, string(toml, "kbc.kbs_cert", name).filter(s -> !s.isBlank()));
    }

    private static List<Credential> credentials(TomlParseResult toml, String name) throws CdhConfigException {
        List<Credential> out = new ArrayList<>();
        if (!toml.contains("credentials")) {
            return out;
        }
        TomlArray array = toml.getArray("credentials");
        if (array == null) {
            throw new CdhConfigException(name + ": credentials must be an array of tables");
        }
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof TomlTable t) || !(t.get("resource_uri") instanceof String uri)
                    || !(t.get("path") instanceof String path)) {
                throw new CdhConfigException(name + ": credentials[" + i + "] needs resource_uri and path strings");
            }
            Path target = Path.of(path).normalize();
            if (!target.isAbsolute() || !target.startsWith(CREDENTIALS_ROOT) || target.equals(CREDENTIALS_ROOT)) {
                throw new CdhConfigException(name + ": credentials[" + i + "].path must be a file under " + CREDENTIALS_ROOT);
            }
            out.add(new Credential(uri, target));
        }
        return out;
    }

    /** {@code [resource_cache] ttl_seconds} (an extension of upstream's file): 0, the default, is off. */
    private static Duration cacheTtl(TomlParseResult toml, String name) throws CdhConfigException {
        Object value = toml.get("resource_cache.ttl_seconds");
        if (value == null) {
            return Duration.ZERO;
        }
        if (!(value instanceof Long seconds) || seconds < 0 || seconds > 86_400) {
            throw new CdhConfigException(name + ": resource_cache.ttl_seconds must be an integer from 0 to 86400");
        }
        return Duration.ofSeconds(seconds);
    }

    private static Optional<String> string(TomlParseResult toml, String key, String name) throws CdhConfigException {
        Object value = toml.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new CdhConfigException(name + ": " + key + " must be a string");
        }
        return Optional.of(s);
    }
}
