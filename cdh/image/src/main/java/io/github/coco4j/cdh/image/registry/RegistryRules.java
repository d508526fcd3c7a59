package io.github.coco4j.cdh.image.registry;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.reference.ImageReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The registries.conf subset upstream reads: {@code [[registry]] prefix, location, insecure, blocked}
 * and {@code [[registry.mirror]] location, insecure}. The longest matching prefix applies; its mirrors
 * are tried first, then its location. {@code insecure = true} means plain HTTP; otherwise HTTPS only.
 */
public record RegistryRules(List<Rule> rules) {
    public static final RegistryRules NONE = new RegistryRules(List.of());

    public record Mirror(String location, boolean insecure) {
    }

    public record Rule(String prefix, String location, boolean insecure, boolean blocked, List<Mirror> mirrors) {
    }

    /** Where to pull a reference from, and whether that place speaks plain HTTP. */
    public record Endpoint(ImageReference reference, boolean insecure) {
    }

    public static RegistryRules parse(String toml, String source) {
        TomlParseResult parsed = Toml.parse(toml);
        if (parsed.hasErrors()) {
            throw new IllegalArgumentException(source + ": " + parsed.errors().get(0));
        }
        return from(parsed, source);
    }

    public static RegistryRules from(TomlTable table, String source) {
        List<Rule> rules = new ArrayList<>();
        TomlArray registries = table.getArray("registry");
        for (int i = 0; registries != null && i < registries.size(); i++) {
            rules.add(rule(registries.getTable(i), source + " registry[" + i + "]"));
        }
        return new RegistryRules(List.copyOf(rules));
    }

    private static Rule rule(TomlTable t, String where) {
        String location = stringOr(t, "location", "", where);
        String prefix = stringOr(t, "prefix", location, where);
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException(where + ": needs a location or a prefix");
        }
        List<Mirror> mirrors = new ArrayList<>();
        TomlArray array = t.getArray("mirror");
        for (int i = 0; array != null && i < array.size(); i++) {
            TomlTable m = array.getTable(i);
            mirrors.add(new Mirror(stringOr(m, "location", "", where + ".mirror"), Boolean.TRUE.equals(m.getBoolean("insecure"))));
        }
        return new Rule(prefix, location, Boolean.TRUE.equals(t.getBoolean("insecure")),
                Boolean.TRUE.equals(t.getBoolean("blocked")), List.copyOf(mirrors));
    }

    private static String stringOr(TomlTable t, String key, String fallback, String where) {
        Object value = t.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException(where + ": " + key + " must be a string");
        }
        return value == null ? fallback : (String) value;
    }

    /** The places to try, in order. */
    public List<Endpoint> endpoints(ImageReference reference) throws ImageException {
        String name = reference.name();
        Optional<Rule> rule = rules.stream().filter(r -> matches(r.prefix(), name))
                .max(Comparator.comparingInt(r -> r.prefix().length()));
        if (rule.isEmpty()) {
            return List.of(new Endpoint(reference, false));
        }
        Rule r = rule.get();
        if (r.blocked()) {
            throw new ImageException(ImageException.Stage.TRANSPORT, "registry " + r.prefix() + " is blocked by the registry configuration");
        }
        List<Endpoint> out = new ArrayList<>();
        for (Mirror m : r.mirrors()) {
            out.add(new Endpoint(remap(reference, r.prefix(), m.location()), m.insecure()));
        }
        out.add(new Endpoint(r.location().isEmpty() ? reference : remap(reference, r.prefix(), r.location()), r.insecure()));
        return out;
    }

    private static boolean matches(String prefix, String name) {
        return name.equals(prefix) || name.startsWith(prefix + "/");
    }

    private static ImageReference remap(ImageReference reference, String prefix, String location) {
        String rest = reference.name().substring(prefix.length());
        ImageReference moved = ImageReference.parse(location + rest + ":placeholder");
        return reference.withLocation(moved.registry(), moved.repository());
    }
}
