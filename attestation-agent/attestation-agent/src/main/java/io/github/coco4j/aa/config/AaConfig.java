package io.github.coco4j.aa.config;

import io.github.coco4j.aa.kbs.TeeKeyAlgorithm;
import io.github.coco4j.config.ConfigException;
import io.github.coco4j.config.TomlConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The attestation agent's aa.toml, as upstream reads it: {@code [token_configs.kbs] url, cert,
 * tee_key_algorithm}, {@code [token_configs.coco_as] url}, {@code [eventlog_config] init_pcr,
 * enable_eventlog} and {@code [log] level}. Unknown keys are reported and ignored, as upstream
 * ignores them.
 */
public record AaConfig(Optional<KbsConfig> kbs, Optional<URI> cocoAs, EventLogConfig eventLog, String logLevel) {
    private static final Set<String> KNOWN = Set.of("token_configs.kbs.url", "token_configs.kbs.cert",
            "token_configs.kbs.tee_key_algorithm", "token_configs.coco_as.url", "eventlog_config.init_pcr",
            "eventlog_config.enable_eventlog", "log.level");

    /** {@code [token_configs.kbs]}: the KBS URL, its certificate (PEM) and the TEE key algorithm. */
    public record KbsConfig(URI url, Optional<String> certificatePem, TeeKeyAlgorithm teeKeyAlgorithm) {
    }

    /** {@code [eventlog_config]}: the default PCR and whether the runtime event log is on. */
    public record EventLogConfig(int initPcr, boolean enabled) {
        public static final EventLogConfig DEFAULT = new EventLogConfig(17, false);
    }

    public static final AaConfig DEFAULT = new AaConfig(Optional.empty(), Optional.empty(), EventLogConfig.DEFAULT,
            "info");

    public static AaConfig load(Path file) throws ConfigException {
        return read(TomlConfig.load(file));
    }

    public static AaConfig parse(String text, String source) throws ConfigException {
        return read(TomlConfig.parse(text, source));
    }

    private static AaConfig read(TomlConfig toml) throws ConfigException {
        toml.warnUnknown(KNOWN);
        Optional<KbsConfig> kbs = Optional.empty();
        if (toml.table("token_configs.kbs").isPresent()) {
            kbs = Optional.of(new KbsConfig(url(toml, "token_configs.kbs.url"),
                    toml.string("token_configs.kbs.cert"), keyAlgorithm(toml)));
        }
        Optional<URI> cocoAs = Optional.empty();
        if (toml.table("token_configs.coco_as").isPresent()) {
            cocoAs = Optional.of(url(toml, "token_configs.coco_as.url"));
        }
        EventLogConfig eventLog = new EventLogConfig(pcr(toml),
                toml.bool("eventlog_config.enable_eventlog").orElse(EventLogConfig.DEFAULT.enabled()));
        return new AaConfig(kbs, cocoAs, eventLog, toml.string("log.level").orElse(DEFAULT.logLevel()));
    }

    private static URI url(TomlConfig toml, String key) throws ConfigException {
        String text = toml.string(key).orElseThrow(() -> toml.error(key, "is required"));
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw toml.error(key, "'" + text + "' is not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw toml.error(key, "'" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static TeeKeyAlgorithm keyAlgorithm(TomlConfig toml) throws ConfigException {
        Optional<String> name = toml.string("token_configs.kbs.tee_key_algorithm");
        if (name.isEmpty()) {
            return TeeKeyAlgorithm.ECDH_ES_A256KW_P256;
        }
        try {
            return TeeKeyAlgorithm.fromConfigName(name.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(toml.source() + ": token_configs.kbs." + e.getMessage());
        }
    }

    private static int pcr(TomlConfig toml) throws ConfigException {
        long pcr = toml.integer("eventlog_config.init_pcr").orElse((long) EventLogConfig.DEFAULT.initPcr());
        if (pcr < 0 || pcr > 23) {
            throw toml.error("eventlog_config.init_pcr", "must be a PCR index 0-23");
        }
        return (int) pcr;
    }
}
