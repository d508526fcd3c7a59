package io.github.coco4j.kbs.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The development KBS's settings, read from the subset of Trustee's kbs-config.toml it
 * understands. Other keys of a Trustee file (admin, storage backends, ...) are ignored, so the
 * workshop's file works with only its paths changed.
 *
 * <ul>
 *   <li>{@code [http_server] sockets, insecure_http, private_key, certificate}</li>
 *   <li>{@code [[plugins]] name = "resource", type = "LocalFs", dir_path}</li>
 *   <li>{@code [attestation_service.rvps_config.storage] file_path} (RVPS reference values, JSON)</li>
 *   <li>{@code [attestation_service] timeout} (session minutes) and the token's {@code duration_min}
 *       in {@code attestation_token_config} or {@code attestation_token_broker}</li>
 *   <li>{@code [attestation_service.attestation_token_broker] policy_dir}: the attestation policy,
 *       {@code default_cpu.rego} or {@code default.rego} there or in its {@code opa/} subdirectory</li>
 *   <li>{@code [policy_engine] policy_path} (resource policy, Rego)</li>
 *   <li>{@code [development] allow_sample_evidence}: this KBS's own switch for sample evidence</li>
 *   <li>{@code [development] insecure_snp_development_root}: this KBS's own setting, a PEM file
 *       with a root (and intermediates) of your own that SNP endorsement keys may chain to, for a
 *       demo without SNP hardware; off by default</li>
 * </ul>
 */
public record KbsConfig(List<InetSocketAddress> sockets, boolean insecureHttp, Optional<Path> privateKey,
                        Optional<Path> certificate, Optional<Path> repository, Optional<Path> referenceValues,
                        Optional<Path> policy, Duration sessionTimeout, Duration tokenDuration,
                        boolean allowSampleEvidence, Optional<Path> attestationPolicyDir,
                        Optional<Path> snpDevelopmentRoot) {
    public static final InetSocketAddress DEFAULT_SOCKET = new InetSocketAddress("127.0.0.1", 8080);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public static KbsConfig defaults() {
        return new KbsConfig(List.of(DEFAULT_SOCKET), false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, false, Optional.empty(),
                Optional.empty());
    }

    public static KbsConfig load(Path file) throws KbsConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new KbsConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** Relative paths in the file are taken relative to {@code base}. */
    public static KbsConfig parse(String text, String source, Path base) throws KbsConfigException {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            throw new KbsConfigException(source + ": " + toml.errors().get(0));
        }
        Reader in = new Reader(toml, source, base);
        List<InetSocketAddress> sockets = in.sockets("http_server.sockets");
        Duration timeout = in.minutes("attestation_service.timeout", DEFAULT_TIMEOUT);
        Duration tokenDuration = in.minutes("attestation_service.attestation_token_config.duration_min",
                in.minutes("attestation_service.attestation_token_broker.duration_min", DEFAULT_TIMEOUT));
        return new KbsConfig(sockets.isEmpty() ? List.of(DEFAULT_SOCKET) : sockets,
                in.bool("http_server.insecure_http"),
                in.path("http_server.private_key"), in.path("http_server.certificate"),
                in.resourceRepository(), in.path("attestation_service.rvps_config.storage.file_path"),
                in.path("policy_engine.policy_path"), timeout, tokenDuration,
                in.bool("development.allow_sample_evidence"),
                in.path("attestation_service.attestation_token_broker.policy_dir"),
                in.path("development.insecure_snp_development_root"));
    }

    /** Parses {@code host:port} (IPv6 hosts in brackets). */
    public static InetSocketAddress parseSocket(String text) {
        int colon = text.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not host:port", e);
        }
    }

    /** Typed access to the TOML document with errors that name the file and key. */
    private record Reader(TomlParseResult toml, String source, Path base) {
        List<InetSocketAddress> sockets(String key) throws KbsConfigException {
            Object value = toml.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof TomlArray array)) {
                throw error(key, "must be an array of \"host:port\" strings");
            }
            List<InetSocketAddress> sockets = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof String text)) {
                    throw error(key, "must be an array of \"host:port\" strings");
                }
                sockets.add(socket(key, text));
            }
            return sockets;
        }

        InetSocketAddress socket(String key, String text) throws KbsConfigException {
            try {
                return parseSocket(text);
            } catch (IllegalArgumentException e) {
                throw error(key, e.getMessage());
            }
        }

        boolean bool(String key) throws KbsConfigException {
            Object value = toml.get(key);
            if (value == null) {
                return false;
            }
            if (!(value instanceof Boolean flag)) {
                throw error(key, "must be true or false");
            }
            return flag;
        }

        Optional<Path> path(String key) throws KbsConfigException {
            Object value = toml.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof String text) || text.isBlank()) {
                throw error(key, "must be a path");
            }
            return Optional.of(base.resolve(text));
        }

        Duration minutes(String key, Duration fallback) throws KbsConfigException {
            Object value = toml.get(key);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof Long number) || number <= 0) {
                throw error(key, "must be a positive number of minutes");
            }
            return Duration.ofMinutes(number);
        }

        /** The {@code dir_path} of the {@code [[plugins]]} entry named "resource" (LocalFs). */
        Optional<Path> resourceRepository() throws KbsConfigException {
            TomlArray plugins = toml.getArray("plugins");
            if (plugins == null) {
                return Optional.empty();
            }
            for (int i = 0; i < plugins.size(); i++) {
                if (!(plugins.get(i) instanceof TomlTable plugin) || !"resource".equals(plugin.getString("name"))) {
                    continue;
                }
                String type = plugin.getString("type");
                if (type != null && !"LocalFs".equals(type)) {
                    throw error("plugins[" + i + "].type", "'" + type + "' is not supported (LocalFs only)");
                }
                String dir = plugin.getString("dir_path");
                return dir == null ? Optional.empty() : Optional.of(base.resolve(dir));
            }
            return Optional.empty();
        }

        private KbsConfigException error(String key, String problem) {
            return new KbsConfigException(source + ": " + key + " " + problem);
        }
    }
}
