package io.github.coco4j.config;

import io.github.coco4j.logging.CliErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A TOML configuration file read as upstream's serde structures read theirs: keys it does not
 * know are ignored, with a warning naming them ({@link #warnUnknown}); values of the wrong type
 * are errors naming the file and the key. Keys are dotted paths ({@code token_configs.kbs.url}).
 */
public final class TomlConfig {
    private static final Logger LOG = Logger.getLogger(TomlConfig.class.getName());
    /** Far above any real configuration; bounds what a wrong path (a device, a log) makes us read. */
    public static final int MAX_BYTES = 1 << 20;

    private final TomlTable root;
    private final String source;

    private TomlConfig(TomlTable root, String source) {
        this.root = root;
        this.source = source;
    }

    public static TomlConfig load(Path file) throws ConfigException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + CliErrors.describe(e));
        }
        if (content.length > MAX_BYTES) {
            throw new ConfigException(file + ": larger than " + MAX_BYTES + " bytes");
        }
        return parse(new String(content, StandardCharsets.UTF_8), file.toString());
    }

    /** @param source how errors and warnings name the document (its file name) */
    public static TomlConfig parse(String text, String source) throws ConfigException {
        if (text.length() > MAX_BYTES) {
            throw new ConfigException(source + ": larger than " + MAX_BYTES + " bytes");
        }
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            throw new ConfigException(source + ": " + toml.errors().get(0));
        }
        return new TomlConfig(toml, source);
    }

    public String source() {
        return source;
    }

    /**
     * Logs a warning for each key that is neither in {@code known} nor below a known key, naming the
     * outermost unknown one; tables on the way to known keys are walked, not reported.
     */
    public TomlConfig warnUnknown(Set<String> known) {
        unknownKeys(known).forEach(key -> LOG.warning(() -> source + ": ignoring unknown key " + key));
        return this;
    }

    List<String> unknownKeys(Set<String> known) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(root, "", known, unknown);
        return unknown;
    }

    private static void collectUnknown(TomlTable table, String prefix, Set<String> known, List<String> unknown) {
        for (String key : table.keySet()) {
            String path = prefix + key;
            if (known.contains(path)) {
                continue;
            }
            boolean onTheWay = known.stream().anyMatch(k -> k.startsWith(path + "."));
            if (onTheWay && table.get(List.of(key)) instanceof TomlTable inner) {
                collectUnknown(inner, path + ".", known, unknown);
            } else {
                unknown.add(path);
            }
        }
    }

    public Optional<String> string(String key) throws ConfigException {
        return typed(key, String.class, "must be a string");
    }

    public Optional<Long> integer(String key) throws ConfigException {
        return typed(key, Long.class, "must be an integer");
    }

    public Optional<Boolean> bool(String key) throws ConfigException {
        return typed(key, Boolean.class, "must be true or false");
    }

    public Optional<TomlTable> table(String key) throws ConfigException {
        return typed(key, TomlTable.class, "must be a table");
    }

    public Optional<TomlArray> array(String key) throws ConfigException {
        return typed(key, TomlArray.class, "must be an array");
    }

    private <T> Optional<T> typed(String key, Class<T> type, String problem) throws ConfigException {
        Object value = root.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw error(key, problem);
        }
        return Optional.of(type.cast(value));
    }

    /** An error about {@code key}: "FILE: KEY PROBLEM". */
    public ConfigException error(String key, String problem) {
        return new ConfigException(source + ": " + key + " " + problem);
    }
}
