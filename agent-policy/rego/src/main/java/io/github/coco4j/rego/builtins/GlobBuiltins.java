package io.github.coco4j.rego.builtins;

import com.google.re2j.Pattern;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code glob.match} and {@code glob.quote_meta}. Delimiters work by rewriting: each delimiter d
 * becomes "/d/" in pattern and text so that globset's separator rules apply, '/' itself stops
 * being a separator unless it is listed, and ':' is never one, as in the reference engine.
 */
final class GlobBuiltins implements BuiltinFamily {
    /** Stands in for characters that must not act as separators; text containing it is refused. */
    private static final String PLACEHOLDER = "\0";

    @Override
    public void register(Builtins t) {
        t.add("glob.match", 3, GlobBuiltins::match);
        t.add("glob.quote_meta", 1, (c, a) -> {
            String pattern = Args.string("glob.quote_meta", a[0]);
            Glob.compile(pattern);
            return StringValue.of(pattern.replace("*", "\\*"));
        });
    }

    private static Value match(BuiltinContext c, Value[] a) {
        String pattern = Args.string("glob.match", a[0]);
        String value = Args.string("glob.match", a[2]);
        if (a[1] instanceof NullValue) {
            return BoolValue.of(Glob.matches(Glob.compile(pattern.replace("/", PLACEHOLDER)), value.replace("/", PLACEHOLDER)));
        }
        if (!(a[1] instanceof ArrayValue)) {
            throw new BuiltinException("glob.match requires string array");
        }
        List<String> given = Args.strings("glob.match", a[1]);
        List<Integer> delimiters = new ArrayList<>();
        for (String d : given) {
            if (d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1) {
                throw new BuiltinException("delimiters must be single character");
            }
            if (!d.isEmpty()) {
                delimiters.add(d.codePointAt(0));
            }
        }
        if (delimiters.isEmpty()) {
            delimiters.add((int) '.');
        }
        Pattern glob = Glob.compile(withDelimiters(pattern, delimiters));
        return BoolValue.of(Glob.matches(glob, withDelimiters(value, delimiters)));
    }

    private static String withDelimiters(String s, List<Integer> delimiters) {
        if (s.contains(PLACEHOLDER)) {
            throw new BuiltinException("string contains internal glob placeholder");
        }
        if (!delimiters.contains((int) '/')) {
            s = s.replace("/", PLACEHOLDER);
        }
        for (int d : delimiters) {
            String delimiter = Character.toString(d);
            if (d == ':') {
                s = s.replace(delimiter, PLACEHOLDER);
            } else if (d != '/') {
                s = s.replace(delimiter, "/" + delimiter + "/");
            }
        }
        return s;
    }
}
