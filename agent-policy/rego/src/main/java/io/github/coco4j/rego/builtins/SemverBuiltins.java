package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** semver.is_valid and semver.compare, on strict SemVer 2.0.0 versions (no "v" prefix, no spaces). */
final class SemverBuiltins implements BuiltinFamily {
    private static final String NUMBER = "(0|[1-9][0-9]*)";
    private static final String PRE_PART = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
    private static final String BUILD_PART = "[0-9A-Za-z-]+";
    private static final Pattern VERSION = Pattern.compile(NUMBER + "\\." + NUMBER + "\\." + NUMBER
            + "(?:-(" + PRE_PART + "(?:\\." + PRE_PART + ")*))?"
            + "(?:\\+" + BUILD_PART + "(?:\\." + BUILD_PART + ")*)?");
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** What precedence looks at: the version numbers and the pre-release ("" for a release). */
    private record Version(BigInteger major, BigInteger minor, BigInteger patch, String pre) implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            int c = major.compareTo(o.major);
            c = c != 0 ? c : minor.compareTo(o.minor);
            c = c != 0 ? c : patch.compareTo(o.patch);
            return c != 0 ? c : comparePre(pre, o.pre);
        }
    }

    @Override
    public void register(Builtins t) {
        t.add("semver.is_valid", 1, (c, a) -> {
            if (!(a[0] instanceof StringValue s)) {
                if (c.strict()) {
                    throw Args.expected("semver.is_valid", "string", a[0]);
                }
                return BoolValue.FALSE;
            }
            return BoolValue.of(parse(s.value()) != null);
        });
        t.add("semver.compare", 2, (c, a) -> {
            String first = Args.string("semver.compare", a[0]);
            String second = Args.string("semver.compare", a[1]);
            Version v1 = parse(first);
            Version v2 = parse(second);
            if (v1 == null || v2 == null) {
                throw new BuiltinException("invalid semver");
            }
            return NumberValue.of(Integer.signum(v1.compareTo(v2)));
        });
    }

    /** The version, or null when the text is not one (numbers beyond 64 bits included). */
    private static Version parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        BigInteger[] numbers = new BigInteger[3];
        for (int i = 0; i < 3; i++) {
            numbers[i] = new BigInteger(m.group(i + 1));
            if (numbers[i].compareTo(U64_MAX) > 0) {
                return null;
            }
        }
        return new Version(numbers[0], numbers[1], numbers[2], m.group(4) == null ? "" : m.group(4));
    }

    /**
     * A release ranks above its pre-releases; identifiers compare numerically when both are
     * digits, digits rank below text, text compares in ASCII order; more identifiers rank higher.
     */
    private static int comparePre(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? 1 : -1;
        }
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < left.length; i++) {
            if (i == right.length) {
                return 1;
            }
            boolean ln = left[i].chars().allMatch(ch -> ch >= '0' && ch <= '9');
            boolean rn = right[i].chars().allMatch(ch -> ch >= '0' && ch <= '9');
            int c;
            if (ln && rn) {
                c = left[i].length() != right[i].length() ? Integer.compare(left[i].length(), right[i].length())
                        : left[i].compareTo(right[i]);
            } else if (ln != rn) {
                return ln ? -1 : 1;
            } else {
                c = left[i].compareTo(right[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return left.length == right.length ? 0 : -1;
    }
}
