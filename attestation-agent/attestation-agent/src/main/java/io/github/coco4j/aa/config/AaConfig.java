package io.github.coco4j.aa.config;

import io.github.coco4j.aa.kbs.TeeKeyAlgorithm;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The attestation agent's aa.toml, as upstream reads it: {@code [token_configs.kbs] url, cert,
 * tee_key_algorithm}, {@code [token_configs.coco_as] url}, {@code [eventlog_config] init_pcr,
 * enable_eventlog} and {@code [log] level}. Unknown keys are reported and ignored, as upstream
 * ignores them.
 */
public record AaConfig(Optional<KbsConfig> kbs, Optional<URI> cocoAs, EventLogConfig eventLog, String logLevel) {
    private static final Logger LOG = Logger.getLogger(AaConfig.class.getName());

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
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static AaConfig parse(String text, String source) throws ConfigException {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            throw new ConfigException(source + ": " + toml.errors().get(0).toString());
        }
        List<String> unknown = new ArrayList<>();
        collectUnknown(toml, "", Set.of("token_configs", "eventlog_config", "log"), unknown);
        TomlTable tokens = table(toml, "token_configs", source);
        if (tokens != null) {
            collectUnknown(tokens, "token_configs.", Set.of("kbs", "coco_as"), unknown);
        }
        Optional<KbsConfig> kbs = Optional.empty();
        Optional<URI> cocoAs = Optional.empty();
        if (tokens != null) {
            TomlTable kbsTable = table(tokens, "kbs", source);
            if (kbsTable != null) {
                collectUnknown(kbsTable, "token_configs.kbs.", Set.of("url", "cert", "tee_key_algorithm"), unknown);
                kbs = Optional.of(new KbsConfig(url(kbsTable, "token_configs.kbs.url", source),
                        Optional.ofNullable(string(kbsTable, "cert", "token_configs.kbs.cert", source)),
                        keyAlgorithm(kbsTable, source)));
            }
            TomlTable asTable = table(tokens, "coco_as", source);
            if (asTable != null) {
                collectUnknown(asTable, "token_configs.coco_as.", Set.of("url"), unknown);
                cocoAs = Optional.of(url(asTable, "token_configs.coco_as.url", source));
            }
        }
        EventLogConfig eventLog = EventLogConfig.DEFAULT;
        TomlTable eventTable = table(toml, "eventlog_config", source);
        if (eventTable != null) {
            collectUnknown(eventTable, "eventlog_config.", Set.of("init_pcr", "enable_eventlog"), unknown);
            eventLog = new EventLogConfig(pcr(eventTable, source), bool(eventTable, source));
        }
        String level = "info";
        TomlTable logTable = table(toml, "log", source);
        if (logTable != null) {
            collectUnknown(logTable, "log.", Set.of("level"), unknown);
            String configured = string(logTable, "level", "log.level", source);
            level = configured == null ? level : configured;
        }
        unknown.forEach(key -> LOG.warning(() -> source + ": ignoring unknown key " + key));
        return new AaConfig(kbs, cocoAs, eventLog, level);
    }

    private static void collectUnknown(TomlTable table, String prefix, Set<String> known, List<String> unknown) {
        for (String key : table.keySet()) {
            if (!known.contains(key)) {
                unknown.add(prefix + key);
            }
        }
    }

    private static TomlTable table(TomlTable parent, String key, String source) throws ConfigException {
        Object value = parent.get(List.of(key));
        if (value == null) {
            return null;
        }
        if (!(value instanceof TomlTable table)) {
            throw new ConfigException(source + ": " + key + " must be a table");
        }
        return table;
    }

    private static String string(TomlTable table, String key, String name, String source) throws ConfigException {
        Object value = table.get(List.of(key));
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new ConfigException(source + ": " + name + " must be a string");
        }
        return text;
    }

    private static URI url(TomlTable table, String name, String source) throws ConfigException {
        String text = string(table, "url", name, source);
        if (text == null) {
            throw new ConfigException(source + ": " + name + " is required");
        }
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(source + ": " + name + " '" + text + "' is not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(source + ": " + name + " '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static TeeKeyAlgorithm keyAlgorithm(TomlTable table, String source) throws ConfigException {
        String name = string(table, "tee_key_algorithm", "token_configs.kbs.tee_key_algorithm", source);
        if (name == null) {
            return TeeKeyAlgorithm.ECDH_ES_A256KW_P256;
        }
        try {
            return TeeKeyAlgorithm.fromConfigName(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": token_configs.kbs." + e.getMessage());
        }
    }

    private static int pcr(TomlTable table, String source) throws ConfigException {
        Object value = table.get(List.of("init_pcr"));
        if (value == null) {
            return EventLogConfig.DEFAULT.initPcr();
        }
        if (!(value instanceof Long number) || number < 0 || number > 23) {
            throw new ConfigException(source + ": eventlog_config.init_pcr must be a PCR index 0-23");
        }
        return number.intValue();
    }

    private static boolean bool(TomlTable table, String source) throws ConfigException {
        Object value = table.get(List.of("enable_eventlog"));
        if (value == null) {
            return EventLogConfig.DEFAULT.enabled();
        }
        if (!(value instanceof Boolean flag)) {
            throw new ConfigException(source + ": eventlog_config.enable_eventlog must be true or false");
        }
        return flag;
    }
}
