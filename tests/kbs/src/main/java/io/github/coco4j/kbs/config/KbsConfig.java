package io.github.coco4j.kbs.config;

import io.github.coco4j.config.ConfigException;
import io.github.coco4j.config.TomlConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * The development KBS's settings, read from the subset of Trustee's kbs-config.toml it
 * understands. Other keys of a Trustee file (admin, storage backends, ...) are ignored with a
 * warning naming them, so the workshop's file works with only its paths changed.
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
    private static final Set<String> KNOWN = Set.of("http_server.sockets", "http_server.insecure_http",
            "http_server.private_key", "http_server.certificate", "plugins",
            "attestation_service.rvps_config.storage.file_path", "attestation_service.timeout",
            "attestation_service.attestation_token_config.duration_min",
            "attestation_service.attestation_token_broker.duration_min", "policy_engine.policy_path",
            "attestation_service.attestation_token_broker.policy_dir", "development.allow_sample_evidence",
            "development.insecure_snp_development_root");

    public static KbsConfig defaults() {
        return new KbsConfig(List.of(DEFAULT_SOCKET), false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, false, Optional.empty(),
                Optional.empty());
    }

    public static KbsConfig load(Path file) throws ConfigException {
        return read(TomlConfig.load(file), file.toAbsolutePath().getParent());
    }

    /** Relative paths in the file are taken relative to {@code base}. */
    public static KbsConfig parse(String text, String source, Path base) throws ConfigException {
        return read(TomlConfig.parse(text, source), base);
    }

    private static KbsConfig read(TomlConfig toml, Path base) throws ConfigException {
        toml.warnUnknown(KNOWN);
        Reader in = new Reader(toml, base);
        List<InetSocketAddress> sockets = in.sockets("http_server.sockets");
        Duration timeout = in.minutes("attestation_service.timeout", DEFAULT_TIMEOUT);
        Duration tokenDuration = in.minutes("attestation_service.attestation_token_config.duration_min",
                in.minutes("attestation_service.attestation_token_broker.duration_min", DEFAULT_TIMEOUT));
        return new KbsConfig(sockets.isEmpty() ? List.of(DEFAULT_SOCKET) : sockets,
                toml.bool("http_server.insecure_http").orElse(false),
                in.path("http_server.private_key"), in.path("http_server.certificate"),
                in.resourceRepository(), in.path("attestation_service.rvps_config.storage.file_path"),
                in.path("policy_engine.policy_path"), timeout, tokenDuration,
                toml.bool("development.allow_sample_evidence").orElse(false),
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

    /** The document's values as this KBS uses them, with errors that name the file and key. */
    private record Reader(TomlConfig toml, Path base) {
        List<InetSocketAddress> sockets(String key) throws ConfigException {
            Optional<TomlArray> array = toml.array(key);
            List<InetSocketAddress> sockets = new ArrayList<>();
            for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
                if (!(array.get().get(i) instanceof String text)) {
                    throw toml.error(key, "must be an array of \"host:port\" strings");
                }
                sockets.add(socket(key, text));
            }
            return sockets;
        }

        InetSocketAddress socket(String key, String text) throws ConfigException {
            try {
                return parseSocket(text);
            } catch (IllegalArgumentException e) {
                throw toml.error(key, e.getMessage());
            }
        }

        Optional<Path> path(String key) throws ConfigException {
            Optional<String> text = toml.string(key);
            if (text.isPresent() && text.get().isBlank()) {
                throw toml.error(key, "must be a path");
            }
            return text.map(base::resolve);
        }

        Duration minutes(String key, Duration fallback) throws ConfigException {
            Optional<Long> number = toml.integer(key);
            if (number.isPresent() && number.get() <= 0) {
                throw toml.error(key, "must be a positive number of minutes");
            }
            return number.map(Duration::ofMinutes).orElse(fallback);
        }

        /** The {@code dir_path} of the {@code [[plugins]]} entry named "resource" (LocalFs). */
        Optional<Path> resourceRepository() throws ConfigException {
            Optional<TomlArray> plugins = toml.array("plugins");
            for (int i = 0; plugins.isPresent() && i < plugins.get().size(); i++) {
                if (!(plugins.get().get(i) instanceof TomlTable plugin) || !"resource".equals(plugin.getString("name"))) {
                    continue;
                }
                String type = plugin.getString("type");
                if (type != null && !"LocalFs".equals(type)) {
                    throw toml.error("plugins[" + i + "].type", "'" + type + "' is not supported (LocalFs only)");
                }
                String dir = plugin.getString("dir_path");
                return dir == null ? Optional.empty() : Optional.of(base.resolve(dir));
            }
            return Optional.empty();
        }
    }
}
