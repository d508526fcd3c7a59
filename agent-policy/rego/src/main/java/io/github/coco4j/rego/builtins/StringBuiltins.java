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
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

/**
 * String builtins. Positions and lengths count Unicode code points, as the reference engine
 * counts chars. A few builtins report argument errors under another builtin's name
 * ({@code split} as {@code replace}, {@code strings.replace_n} as {@code trim},
 * {@code strings.reverse} as {@code reverse}) because the reference engine does.
 */
final class StringBuiltins implements BuiltinFamily {
    private static final double SAFE_INTEGER = 0x1p53;

    @Override
    public void register(Builtins t) {
        t.add("concat", 2, (c, a) -> StringValue.of(String.join(Args.string("concat", a[0]), Args.strings("concat", a[1]))));
        t.add("contains", 2, strings("contains", (s, x) -> BoolValue.of(s.contains(x))));
        t.add("startswith", 2, strings("startswith", (s, x) -> BoolValue.of(s.startsWith(x))));
        t.add("endswith", 2, strings("endswith", (s, x) -> BoolValue.of(s.endsWith(x))));
        t.add("lower", 1, (c, a) -> StringValue.of(Args.string("lower", a[0]).toLowerCase(Locale.ROOT)));
        t.add("upper", 1, (c, a) -> StringValue.of(Args.string("upper", a[0]).toUpperCase(Locale.ROOT)));
        t.add("replace", 3, (c, a) -> StringValue.of(replace(Args.string("replace", a[0]),
                Args.string("replace", a[1]), Args.string("replace", a[2]))));
        t.add("split", 2, (c, a) -> split(Args.string("replace", a[0]), Args.string("replace", a[1])));
        t.add("indexof", 2, strings("indexof", (s, x) -> {
            List<Value> all = positions(s, x, true);
            return all.isEmpty() ? NumberValue.of(-1) : all.get(0);
        }));
        t.add("indexof_n", 2, strings("indexof_n", (s, x) -> ArrayValue.of(positions(s, x, false))));
        t.add("substring", 3, StringBuiltins::substring);
        t.add("format_int", 2, StringBuiltins::formatInt);
        t.add("trim", 2, strings("trim", (s, cut) -> StringValue.of(trimEnd(trimStart(s, cut), cut))));
        t.add("trim_left", 2, strings("trim_left", (s, cut) -> StringValue.of(trimStart(s, cut))));
        t.add("trim_right", 2, strings("trim_right", (s, cut) -> StringValue.of(trimEnd(s, cut))));
        t.add("trim_prefix", 2, strings("trim_prefix",
                (s, prefix) -> StringValue.of(s.startsWith(prefix) ? s.substring(prefix.length()) : s)));
        t.add("trim_suffix", 2, strings("trim_suffix",
                (s, suffix) -> StringValue.of(s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s)));
        t.add("trim_space", 1, (c, a) -> StringValue.of(trimSpace(Args.string("trim_space", a[0]))));
        t.add("strings.reverse", 1, (c, a) -> StringValue.of(new StringBuilder(Args.string("reverse", a[0])).reverse().toString()));
        t.add("strings.count", 2, strings("strings.count", (s, x) -> NumberValue.of(count(s, x))));
        t.add("strings.replace_n", 2, StringBuiltins::replaceN);
        t.add("strings.any_prefix_match", 2, (c, a) -> anyMatch("strings.any_prefix_match", a, String::startsWith));
        t.add("strings.any_suffix_match", 2, (c, a) -> anyMatch("strings.any_suffix_match", a, String::endsWith));
        t.add("sprintf", 2, (c, a) -> StringValue.of(Sprintf.format(Args.string("sprintf", a[0]), Args.array("sprintf", a[1]))));
    }

    /** A builtin of two string arguments. */
    private static Builtin strings(String fn, BiFunction<String, String, Value> body) {
        return (c, a) -> body.apply(Args.string(fn, a[0]), Args.string(fn, a[1]));
    }

    /** An empty {@code old} inserts {@code replacement} around every code point, never inside a surrogate pair. */
    private static String replace(String s, String old, String replacement) {
        if (!old.isEmpty()) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder(replacement);
        s.codePoints().forEach(cp -> out.appendCodePoint(cp).append(replacement));
        return out.toString();
    }

    /** Go's split: an empty delimiter splits into code points (none for an empty string). */
    private static Value split(String s, String delimiter) {
        List<Value> parts = new ArrayList<>();
        if (delimiter.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(StringValue.of(Character.toString(cp))));
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

    /** Code point positions where {@code needle} starts; an empty string has no positions at all. */
    private static List<Value> positions(String s, String needle, boolean firstOnly) {
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

    /** A negative length takes the rest; a fractional offset or length gives an empty string. */
    private static Value substring(BuiltinContext c, Value[] a) {
        String s = Args.string("substring", a[0]);
        Long offset = Args.asLong(Args.number("substring", a[1]));
        Long length = Args.asLong(Args.number("substring", a[2]));
        if (offset != null && offset < 0) {
            if (c.strict()) {
                throw new BuiltinException("negative offset");
            }
            return null;
        }
        if (offset == null || length == null) {
            return StringValue.EMPTY;
        }
        int points = s.codePointCount(0, s.length());
        if (offset >= points) {
            return StringValue.EMPTY;
        }
        int from = s.offsetByCodePoints(0, offset.intValue());
        long available = points - offset;
        int to = length < 0 || length >= available ? s.length() : s.offsetByCodePoints(from, length.intValue());
        return StringValue.of(s.substring(from, to));
    }

    /** The sign, then the floor of the magnitude: -0.5 formats as "-0", as in the reference engine. */
    private static Value formatInt(BuiltinContext c, Value[] a) {
        NumberValue n = Args.number("format_int", a[0]);
        Long base = Args.asLong(Args.number("format_int", a[1]));
        if (base == null || (base != 2 && base != 8 && base != 10 && base != 16)) {
            if (c.strict()) {
                throw new BuiltinException("`format_int` expects base to be one of 2, 8, 10, 16");
            }
            return null;
        }
        String sign = n.signum() < 0 ? "-" : "";
        BigInteger magnitude;
        if (n.isFloat()) {
            double floor = Math.floor(Math.abs(n.toDouble()));
            if (floor > SAFE_INTEGER) {
                // Beyond 2^53 the reference engine keeps a float: decimal text, no digits in other bases.
                return StringValue.of(sign + (base == 10 ? NumberValue.ofFloat(floor).text() : ""));
            }
            magnitude = BigInteger.valueOf((long) floor);
        } else {
            magnitude = n.toBigInteger().abs();
        }
        return StringValue.of(sign + magnitude.toString(base.intValue()));
    }

    private static String trimStart(String s, String cutset) {
        int i = 0;
        while (i < s.length() && cutset.indexOf(s.codePointAt(i)) >= 0) {
            i = s.offsetByCodePoints(i, 1);
        }
        return s.substring(i);
    }

    private static String trimEnd(String s, String cutset) {
        int end = s.length();
        while (end > 0 && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end = s.offsetByCodePoints(end, -1);
        }
        return s.substring(0, end);
    }

    private static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhiteSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Unicode's White_Space property (all in the BMP), which differs from {@link Character#isWhitespace}. */
    static boolean isWhiteSpace(char c) {
        return (c >= '\t' && c <= '\r') || c == ' ' || c == '\u0085' || c == '\u00a0' || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029' || c == '\u202f'
                || c == '\u205f' || c == '\u3000';
    }

    /**
     * Overlapping occurrences ("aaa" holds "aa" twice), as the reference engine counts byte windows.
     * An empty needle counts code points plus one, as Go does (the reference engine cannot count it).
     */
    private static long count(String s, String needle) {
        if (needle.isEmpty()) {
            return s.codePointCount(0, s.length()) + 1L;
        }
        long n = 0;
        for (int at = s.indexOf(needle); at >= 0; at = s.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    /** Replaces every key by its value in key order, each replacement applied to the previous result. */
    private static Value replaceN(BuiltinContext c, Value[] a) {
        ObjectValue patterns = Args.object("trim", a[0]);
        String s = Args.string("trim", a[1]);
        for (int i = 0; i < patterns.size(); i++) {
            if (!(patterns.keyAt(i) instanceof StringValue k) || !(patterns.valueAt(i) instanceof StringValue v)) {
                throw new BuiltinException("`trim` expects string keys and values in pattern object.");
            }
            s = replace(s, k.value(), v.value());
        }
        return StringValue.of(s);
    }

    private static Value anyMatch(String fn, Value[] a, BiPredicate<String, String> matches) {
        List<String> search = stringOrStrings(fn, a[0]);
        List<String> base = stringOrStrings(fn, a[1]);
        for (String s : search) {
            for (String b : base) {
                if (matches.test(s, b)) {
                    return BoolValue.TRUE;
                }
            }
        }
        return BoolValue.FALSE;
    }

    private static List<String> stringOrStrings(String fn, Value v) {
        if (v instanceof StringValue s) {
            return List.of(s.value());
        }
        if (v instanceof ArrayValue || v instanceof SetValue) {
            return Args.strings(fn, v);
        }
        throw new BuiltinException("`" + fn + "` expects string/array[string]/set[string] argument.");
    }
}
