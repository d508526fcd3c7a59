package io.github.coco4j.rego.builtins;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference engine's regex builtins, and OPA's {@code regex.globs_match} (see
 * {@link GlobIntersection}); the deprecated {@code re_match} is in {@link DeprecatedBuiltins}. Arguments are checked before the
 * pattern is compiled, so a wrong type is reported ahead of an invalid pattern.
 */
final class RegexBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.add("regex.match", 2, (c, a) -> match("regex.match", a[0], a[1]));
        t.add("regex.is_valid", 1, (c, a) -> BoolValue.of(a[0] instanceof StringValue s
                && Regexes.tryCompile(s.value()).isPresent()));
        t.add("regex.split", 2, (c, a) -> {
            String pattern = Args.string("regex.split", a[0]);
            String value = Args.string("regex.split", a[1]);
            return split(Regexes.compile(pattern), value);
        });
        t.add("regex.find_n", 3, (c, a) -> find("regex.find_n", a, false));
        t.add("regex.find_all_string_submatch_n", 3, (c, a) -> find("regex.find_all_string_submatch_n", a, true));
        t.add("regex.replace", 3, RegexBuiltins::replace);
        t.add("regex.template_match", 4, RegexBuiltins::templateMatch);
        t.add("regex.globs_match", 2, (c, a) -> BoolValue.of(GlobIntersection.nonEmpty(
                Args.string("regex.globs_match", a[0]), Args.string("regex.globs_match", a[1]))));
    }

    /** Shared with {@code re_match}, its deprecated name. */
    static Value match(String fn, Value patternArg, Value valueArg) {
        String pattern = Args.string(fn, patternArg);
        String value = Args.string(fn, valueArg);
        return BoolValue.of(Regexes.compile(pattern).matcher(value).find());
    }

    private static Value split(Pattern re, String s) {
        List<Value> parts = new ArrayList<>();
        int from = 0;
        for (Matcher m : Regexes.matches(re, s, Long.MAX_VALUE)) {
            parts.add(StringValue.of(s.substring(from, m.start())));
            from = m.end();
        }
        parts.add(StringValue.of(s.substring(from)));
        return ArrayValue.of(parts);
    }

    /** A negative {@code n} (or one too large for a long) means every match. */
    private static Value find(String fn, Value[] a, boolean submatches) {
        String pattern = Args.string(fn, a[0]);
        String value = Args.string(fn, a[1]);
        NumberValue n = Args.number(fn, a[2]);
        Pattern re = Regexes.compile(pattern);
        if (!n.isInteger()) {
            throw new BuiltinException("n must be an integer");
        }
        Long limit = Args.asLong(n);
        List<Value> out = new ArrayList<>();
        for (Matcher m : Regexes.matches(re, value, limit == null || limit < 0 ? Long.MAX_VALUE : limit)) {
            out.add(submatches ? groups(m) : StringValue.of(m.group()));
        }
        return ArrayValue.of(out);
    }

    /** Every group of the match, an empty string for a group that did not take part. */
    private static Value groups(Matcher m) {
        List<Value> groups = new ArrayList<>(m.groupCount() + 1);
        for (int g = 0; g <= m.groupCount(); g++) {
            String group = m.group(g);
            groups.add(StringValue.of(group == null ? "" : group));
        }
        return ArrayValue.of(groups);
    }

    /** An invalid pattern makes the result undefined rather than an error, strict or not. */
    private static Value replace(BuiltinContext c, Value[] a) {
        String s = Args.string("regex.replace", a[0]);
        String pattern = Args.string("regex.replace", a[1]);
        String replacement = Args.string("regex.replace", a[2]);
        Optional<Pattern> re = Regexes.tryCompile(pattern);
        if (re.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        int from = 0;
        for (Matcher m : Regexes.matches(re.get(), s, Long.MAX_VALUE)) {
            out.append(s, from, m.start());
            Regexes.expand(m, re.get().namedGroups(), replacement, out);
            from = m.end();
        }
        return StringValue.of(out.append(s, from, s.length()).toString());
    }

    /**
     * Literal text with patterns between the delimiters, matched left to right: each pattern's
     * leftmost match must start where the literal before it ends. Undefined when the first end
     * delimiter comes before the first start delimiter.
     */
    private static Value templateMatch(BuiltinContext c, Value[] a) {
        String fn = "regex.template_match";
        String template = Args.string(fn, a[0]);
        String value = Args.string(fn, a[1]);
        String open = Args.string(fn, a[2]);
        String close = Args.string(fn, a[3]);
        while (true) {
            int start = template.indexOf(open);
            int end = template.indexOf(close);
            if (start < 0 || end < 0) {
                return BoolValue.of(template.equals(value));
            }
            if (start >= end) {
                return null;
            }
            if (!value.startsWith(template.substring(0, start))) {
                return BoolValue.FALSE;
            }
            Pattern re = Regexes.compile(template.substring(start + open.length(), end));
            value = value.substring(start);
            Matcher m = re.matcher(value);
            if (!m.find() || m.start() != 0) {
                return BoolValue.FALSE;
            }
            value = value.substring(m.end());
            template = template.substring(end + close.length());
        }
    }
}
