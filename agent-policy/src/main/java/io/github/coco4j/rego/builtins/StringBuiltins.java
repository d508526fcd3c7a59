package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** String builtins; positions and lengths count Unicode code points, as Rego does. */
final class StringBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        t.add("concat", 2, (c, a) -> StringValue.of(String.join(Args.string("concat", a[0]), Args.strings("concat", a[1]))));
        t.add("contains", 2, (c, a) -> BoolValue.of(Args.string("contains", a[0]).contains(Args.string("contains", a[1]))));
        t.add("startswith", 2, (c, a) -> BoolValue.of(Args.string("startswith", a[0]).startsWith(Args.string("startswith", a[1]))));
        t.add("endswith", 2, (c, a) -> BoolValue.of(Args.string("endswith", a[0]).endsWith(Args.string("endswith", a[1]))));
        t.add("lower", 1, (c, a) -> StringValue.of(Args.string("lower", a[0]).toLowerCase(java.util.Locale.ROOT)));
        t.add("upper", 1, (c, a) -> StringValue.of(Args.string("upper", a[0]).toUpperCase(java.util.Locale.ROOT)));
        t.add("replace", 3, (c, a) -> StringValue.of(Args.string("replace", a[0])
                .replace(Args.string("replace", a[1]), Args.string("replace", a[2]))));
        t.add("split", 2, (c, a) -> split(Args.string("split", a[0]), Args.string("split", a[1])));
        t.add("indexof", 2, (c, a) -> {
            List<Value> all = indices(Args.string("indexof", a[0]), Args.string("indexof", a[1]), true);
            return all.isEmpty() ? NumberValue.of(-1) : all.get(0);
        });
        t.add("indexof_n", 2, (c, a) -> ArrayValue.of(indices(Args.string("indexof_n", a[0]), Args.string("indexof_n", a[1]), false)));
        t.add("substring", 3, StringBuiltins::substring);
        t.add("format_int", 2, StringBuiltins::formatInt);
        t.add("trim", 2, (c, a) -> StringValue.of(trimRight(trimLeft(Args.string("trim", a[0]), Args.string("trim", a[1])), Args.string("trim", a[1]))));
        t.add("trim_left", 2, (c, a) -> StringValue.of(trimLeft(Args.string("trim_left", a[0]), Args.string("trim_left", a[1]))));
        t.add("trim_right", 2, (c, a) -> StringValue.of(trimRight(Args.string("trim_right", a[0]), Args.string("trim_right", a[1]))));
        t.add("trim_prefix", 2, (c, a) -> {
            String s = Args.string("trim_prefix", a[0]);
            String prefix = Args.string("trim_prefix", a[1]);
            return StringValue.of(s.startsWith(prefix) ? s.substring(prefix.length()) : s);
        });
        t.add("trim_suffix", 2, (c, a) -> {
            String s = Args.string("trim_suffix", a[0]);
            String suffix = Args.string("trim_suffix", a[1]);
            return StringValue.of(s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s);
        });
        t.add("trim_space", 1, (c, a) -> StringValue.of(Args.string("trim_space", a[0]).strip()));
        t.add("strings.reverse", 1, (c, a) -> StringValue.of(new StringBuilder(Args.string("strings.reverse", a[0])).reverse().toString()));
        t.add("strings.count", 2, (c, a) -> NumberValue.of(count(Args.string("strings.count", a[0]), Args.string("strings.count", a[1]))));
        t.add("strings.replace_n", 2, StringBuiltins::replaceN);
        t.add("strings.any_prefix_match", 2, (c, a) -> anyMatch(c, "strings.any_prefix_match", a, true));
        t.add("strings.any_suffix_match", 2, (c, a) -> anyMatch(c, "strings.any_suffix_match", a, false));
        t.add("sprintf", 2, (c, a) -> StringValue.of(Sprintf.format(Args.string("sprintf", a[0]), Args.array("sprintf", a[1]))));
    }

    private static Value split(String s, String delimiter) {
        List<Value> parts = new ArrayList<>();
        if (delimiter.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(StringValue.of(new String(Character.toChars(cp)))));
            return ArrayValue.of(parts);
        }
        int from = 0;
        for (int at = s.indexOf(delimiter); at >= 0; at = s.indexOf(delimiter, from)) {
            parts.add(StringValue.of(s.substring(from, at)));
            from = at + delimiter.length();
        }
        parts.add(StringValue.of(s.substring(from)));
        return ArrayValue.of(parts);
    }

    /** Code point positions where {@code needle} starts. */
    private static List<Value> indices(String s, String needle, boolean firstOnly) {
        List<Value> out = new ArrayList<>();
        int position = 0;
        for (int i = 0; i < s.length(); i = s.offsetByCodePoints(i, 1), position++) {
            if (s.startsWith(needle, i)) {
                out.add(NumberValue.of(position));
                if (firstOnly) {
                    break;
                }
            }
        }
        return out;
    }

    private static Value substring(BuiltinContext c, Value[] a) {
        String s = Args.string("substring", a[0]);
        NumberValue offset = Args.number("substring", a[1]);
        NumberValue length = Args.number("substring", a[2]);
        Long start = offset.isInteger() ? offset.toLong() : null;
        Long count = length.isInteger() ? length.toLong() : null;
        if (start != null && start < 0) {
            if (c.strict()) {
                throw new BuiltinException("negative offset");
            }
            return null;
        }
        if (start == null || count == null) {
            return StringValue.EMPTY;
        }
        int[] points = s.codePoints().toArray();
        int from = (int) Math.min(start, points.length);
        int to = count < 0 ? points.length : (int) Math.min(points.length, from + count);
        return StringValue.of(new String(points, from, to - from));
    }

    private static Value formatInt(BuiltinContext c, Value[] a) {
        NumberValue n = Args.number("format_int", a[0]);
        NumberValue base = Args.number("format_int", a[1]);
        Long radix = base.isInteger() ? base.toLong() : null;
        if (radix == null || (radix != 2 && radix != 8 && radix != 10 && radix != 16)) {
            if (c.strict()) {
                throw new BuiltinException("`format_int` expects base to be one of 2, 8, 10, 16");
            }
            return null;
        }
        BigInteger magnitude = n.toBigDecimal().abs().toBigInteger();
        String digits = magnitude.toString(radix.intValue());
        return StringValue.of(n.signum() < 0 && magnitude.signum() != 0 ? "-" + digits : digits);
    }

    private static String trimLeft(String s, String cutset) {
        int i = 0;
        while (i < s.length() && cutset.indexOf(s.codePointAt(i)) >= 0) {
            i = s.offsetByCodePoints(i, 1);
        }
        return s.substring(i);
    }

    private static String trimRight(String s, String cutset) {
        int end = s.length();
        while (end > 0 && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end = s.offsetByCodePoints(end, -1);
        }
        return s.substring(0, end);
    }

    private static long count(String s, String needle) {
        if (needle.isEmpty()) {
            return s.codePointCount(0, s.length()) + 1L;
        }
        long n = 0;
        for (int at = s.indexOf(needle); at >= 0; at = s.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }

    private static Value replaceN(BuiltinContext c, Value[] a) {
        ObjectValue patterns = Args.object("strings.replace_n", a[0]);
        String s = Args.string("strings.replace_n", a[1]);
        for (int i = 0; i < patterns.size(); i++) {
            if (!(patterns.keyAt(i) instanceof StringValue k) || !(patterns.valueAt(i) instanceof StringValue v)) {
                throw new BuiltinException("`strings.replace_n` expects string keys and values in pattern object.");
            }
            s = s.replace(k.value(), v.value());
        }
        return StringValue.of(s);
    }

    private static Value anyMatch(BuiltinContext c, String fn, Value[] a, boolean prefix) {
        List<String> search = stringOrStrings(c, fn, a[0]);
        List<String> base = stringOrStrings(c, fn, a[1]);
        if (search == null || base == null) {
            return null;
        }
        for (String s : search) {
            for (String b : base) {
                if (prefix ? s.startsWith(b) : s.endsWith(b)) {
                    return BoolValue.TRUE;
                }
            }
        }
        return BoolValue.FALSE;
    }

    private static List<String> stringOrStrings(BuiltinContext c, String fn, Value v) {
        if (v instanceof StringValue s) {
            return List.of(s.value());
        }
        if (v instanceof ArrayValue || v instanceof SetValue) {
            return Args.strings(fn, v);
        }
        throw new BuiltinException("`" + fn + "` expects string/array[string]/set[string] argument.");
    }
}
