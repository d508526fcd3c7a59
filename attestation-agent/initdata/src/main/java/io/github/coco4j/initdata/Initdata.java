package io.github.coco4j.initdata;

import io.github.coco4j.digest.HashAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * An initdata document: the TOML exactly as delivered, and what it declares. The digest is taken
 * over the raw bytes, never over a re-serialisation, so a single changed byte changes it.
 */
public final class Initdata {
    public static final String VERSION = "0.1.0";
    /**
     * The largest initdata accepted: it must fit in the VM's user-data, which the provisioner caps
     * at 1 MiB (a generated policy is about 55 KiB). Parsing takes up to ~150 times the text's size.
     */
    public static final int MAX_BYTES = 1024 * 1024;
    /** How deeply arrays and inline tables may nest; initdata itself needs two levels. */
    static final int MAX_NESTING = 64;
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("version", "algorithm", "data");
    private static final List<HashAlgorithm> ALGORITHMS =
            List.of(HashAlgorithm.SHA256, HashAlgorithm.SHA384, HashAlgorithm.SHA512);

    private final byte[] raw;
    private final String text;
    private final HashAlgorithm algorithm;
    private final Map<String, String> data;

    private Initdata(byte[] raw, String text, HashAlgorithm algorithm, Map<String, String> data) {
        this.raw = raw;
        this.text = text;
        this.algorithm = algorithm;
        this.data = data;
    }

    /** Parses and validates {@code raw}; every error names the offending key or value. */
    public static Initdata parse(byte[] raw) throws InitdataException {
        if (raw.length > MAX_BYTES) {
            throw new InitdataException("initdata is larger than " + MAX_BYTES + " bytes");
        }
        String text = utf8(raw);
        TomlParseResult toml = toml(text);
        for (String key : toml.keySet()) {
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw new InitdataException("initdata has unknown top-level key '" + key
                        + "' (allowed: version, algorithm, data)");
            }
        }
        String version = requiredString(toml, "version");
        if (!VERSION.equals(version)) {
            throw new InitdataException("initdata version '" + version + "' is not supported (expected \"" + VERSION + "\")");
        }
        HashAlgorithm algorithm = algorithm(requiredString(toml, "algorithm"));
        return new Initdata(raw.clone(), text, algorithm, data(toml));
    }

    private static TomlParseResult toml(String text) throws InitdataException {
        if (TomlNesting.depth(text) > MAX_NESTING) {
            throw new InitdataException("initdata nests arrays or tables deeper than " + MAX_NESTING);
        }
        TomlParseResult toml;
        try {
            toml = Toml.parse(text);
        } catch (StackOverflowError e) {
            // The nesting check should prevent this; a smaller stack than expected must still fail cleanly.
            throw new InitdataException("initdata is nested too deeply to parse");
        }
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().get(0);
            throw new InitdataException("initdata is not valid TOML: " + error.toString());
        }
        return toml;
    }

    private static String utf8(byte[] raw) throws InitdataException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new InitdataException("initdata is not UTF-8 text");
        }
    }

    private static String requiredString(TomlTable toml, String key) throws InitdataException {
        Object value = toml.get(List.of(key));
        if (value == null) {
            throw new InitdataException("initdata lacks the key '" + key + "'");
        }
        if (!(value instanceof String s)) {
            throw new InitdataException("initdata key '" + key + "' must be a string");
        }
        return s;
    }

    private static HashAlgorithm algorithm(String name) throws InitdataException {
        for (HashAlgorithm candidate : ALGORITHMS) {
            if (candidate.wireName().equals(name)) {
                return candidate;
            }
        }
        throw new InitdataException("initdata algorithm '" + name + "' is not supported (sha256, sha384 or sha512)");
    }

    private static Map<String, String> data(TomlTable toml) throws InitdataException {
        Object value = toml.get(List.of("data"));
        if (value == null) {
            throw new InitdataException("initdata lacks the table [data]");
        }
        if (!(value instanceof TomlTable table)) {
            throw new InitdataException("initdata key 'data' must be a table");
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (String key : table.keySet()) {
            Object entry = table.get(List.of(key));
            if (!(entry instanceof String s)) {
                throw new InitdataException("initdata data key '" + key + "' must be a string");
            }
            data.put(key, s);
        }
        return Collections.unmodifiableMap(data);
    }

    /** The document exactly as delivered. */
    public byte[] raw() {
        return raw.clone();
    }

    public String text() {
        return text;
    }

    public String version() {
        return VERSION;
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** The {@code [data]} entries in document order. */
    public Map<String, String> data() {
        return data;
    }

    /** The algorithm's digest of the raw bytes. */
    public byte[] digest() {
        return algorithm.digest(raw);
    }
}
