package io.github.coco4j.rego.builtins;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Regular expressions with RE2 semantics (linear time, no back-references); compiled patterns are cached. */
final class RegexBuiltins implements BuiltinFamily {
    private static final int CACHE_LIMIT = 1024;
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

    @Override
    public void register(Builtins t) {
        t.add("regex.match", 2, (c, a) -> BoolValue.of(compile(Args.string("regex.match", a[0]))
                .matcher(Args.string("regex.match", a[1])).find()));
        t.add("re_match", 2, (c, a) -> BoolValue.of(compile(Args.string("re_match", a[0]))
                .matcher(Args.string("re_match", a[1])).find()));
        t.add("regex.is_valid", 1, (c, a) -> {
            if (!(a[0] instanceof StringValue s)) {
                return BoolValue.FALSE;
            }
            try {
                compile(s.value());
                return BoolValue.TRUE;
            } catch (BuiltinException e) {
                return BoolValue.FALSE;
            }
        });
        t.add("regex.split", 2, (c, a) -> split(compile(Args.string("regex.split", a[0])), Args.string("regex.split", a[1])));
        t.add("regex.find_n", 3, (c, a) -> findN(a, false));
        t.add("regex.find_all_string_submatch_n", 3, (c, a) -> findN(a, true));
        t.add("regex.replace", 3, (c, a) -> {
            String s = Args.string("regex.replace", a[0]);
            String pattern = Args.string("regex.replace", a[1]);
            String replacement = Args.string("regex.replace", a[2]);
            Pattern re;
            try {
                re = compile(pattern);
            } catch (BuiltinException e) {
                return null;
            }
            return StringValue.of(re.matcher(s).replaceAll(replacement));
        });
        t.add("regex.template_match", 4, RegexBuiltins::templateMatch);
    }

    static Pattern compile(String pattern) {
        Pattern cached = CACHE.get(pattern);
        if (cached != null) {
            return cached;
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new BuiltinException("invalid regex");
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(pattern, compiled);
        return compiled;
    }

    private static Value split(Pattern re, String s) {
        List<Value> parts = new ArrayList<>();
        Matcher m = re.matcher(s);
        int from = 0;
        while (m.find()) {
            parts.add(StringValue.of(s.substring(from, m.start())));
            from = m.end();
        }
        parts.add(StringValue.of(s.substring(from)));
        return ArrayValue.of(parts);
    }

    private static Value findN(Value[] a, boolean submatches) {
        String fn = submatches ? "regex.find_all_string_submatch_n" : "regex.find_n";
        Pattern re = compile(Args.string(fn, a[0]));
        String s = Args.string(fn, a[1]);
        NumberValue n = Args.number(fn, a[2]);
        if (!n.isInteger()) {
            throw new BuiltinException("n must be an integer");
        }
        Long limit = n.toLong();
        long max = limit == null || limit < 0 ? Long.MAX_VALUE : limit;
        List<Value> out = new ArrayList<>();
        Matcher m = re.matcher(s);
        while (out.size() < max && m.find()) {
            if (!submatches) {
                out.add(StringValue.of(m.group()));
                continue;
            }
            List<Value> groups = new ArrayList<>();
            for (int g = 0; g <= m.groupCount(); g++) {
                String group = m.group(g);
                groups.add(StringValue.of(group == null ? "" : group));
            }
            out.add(ArrayValue.of(groups));
        }
        return ArrayValue.of(out);
    }

    /** Literal text with regular expressions between the delimiters, matched piece by piece. */
    private static Value templateMatch(BuiltinContext c, Value[] a) {
        String template = Args.string("regex.template_match", a[0]);
        String value = Args.string("regex.template_match", a[1]);
        String open = Args.string("regex.template_match", a[2]);
        String close = Args.string("regex.template_match", a[3]);
        while (true) {
            int start = template.indexOf(open);
            int end = template.indexOf(close);
            if (start < 0 || end < 0) {
                return BoolValue.of(template.equals(value));
            }
            if (start >= end) {
                return null;
            }
            if (value.length() < start || !template.substring(0, start).equals(value.substring(0, start))) {
                return BoolValue.FALSE;
            }
            Matcher m = compile(template.substring(start + open.length(), end)).matcher(value.substring(start));
            if (!m.find() || m.start() != 0) {
                return BoolValue.FALSE;
            }
            value = value.substring(start + m.end());
            template = template.substring(end + close.length());
        }
    }
}
