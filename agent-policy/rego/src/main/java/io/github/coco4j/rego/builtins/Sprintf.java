package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.rego.value.ValueWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * {@code sprintf} as the reference engine implements Go's verbs: %s %v %b %c %d %o %O %x %X %e %E
 * %f %F %g %G and %%, with an optional width ({@code %5d}), zero padding ({@code %05d}) or
 * precision ({@code %.2f}), and no flags; also Go's explicit argument index ({@code %[1]v}), which
 * OPA policies use. Its quirks are kept on purpose, so that messages built by a policy read
 * exactly as under the reference engine:
 * <ul>
 * <li>a negative number gets a sign in front of its own: {@code %d} of -7 is "--7";</li>
 * <li>widths pad the digits after that sign, and apply to %d %o %O %x %X %f only;</li>
 * <li>a verb the argument's type has no meaning for prints nothing ({@code %d} of a string).</li>
 * </ul>
 */
final class Sprintf {
    /** Far beyond any useful width; guards against a format string that asks for gigabytes of padding. */
    private static final long MAX_WIDTH = 1 << 20;
    private static final BigInteger SAFE_INTEGER = BigInteger.ONE.shiftLeft(53);

    private enum Kind { NONE, CELL, ZEROS, DECIMALS }

    private record Width(Kind kind, int n) {
        static final Width NONE = new Width(Kind.NONE, 0);

        String pad(String s) {
            if (s.length() >= n || (kind != Kind.CELL && kind != Kind.ZEROS)) {
                return s;
            }
            return (kind == Kind.ZEROS ? "0" : " ").repeat(n - s.length()) + s;
        }
    }

    private Sprintf() {
    }

    static String format(String format, ArrayValue args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        boolean indexed = false;
        int i = 0;
        while (i < format.length()) {
            int ch = format.codePointAt(i);
            i += Character.charCount(ch);
            if (ch != '%') {
                out.appendCodePoint(ch);
                continue;
            }
            if (i == format.length()) {
                throw new BuiltinException("missing format verb after `%` at end of format string");
            }
            int close = format.indexOf(']', i);
            if (format.charAt(i) == '[' && close > i + 1 && format.substring(i + 1, close).matches("[1-9][0-9]{0,5}")) {
                // Go's explicit argument index, %[n]v: verbs after it continue from argument n + 1.
                next = Integer.parseInt(format.substring(i + 1, close)) - 1;
                indexed = true;
                i = close + 1;
                if (i == format.length()) {
                    throw new BuiltinException("missing format verb after `%[n]` at end of format string");
                }
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            Width width = Width.NONE;
            if (verb == '.' || isDigit(verb)) {
                long n = verb == '.' ? 0 : verb - '0';
                while (i < format.length() && isDigit(format.charAt(i))) {
                    n = Math.min(n * 10 + format.charAt(i++) - '0', MAX_WIDTH + 1);
                }
                if (n > MAX_WIDTH) {
                    throw new BuiltinException("format width " + n + " is too large");
                }
                width = new Width(verb == '0' ? Kind.ZEROS : verb == '.' ? Kind.DECIMALS : Kind.CELL, (int) n);
                if (i == format.length()) {
                    throw new BuiltinException("missing format verb after `%width` at end of format string");
                }
                verb = format.codePointAt(i);
                i += Character.charCount(verb);
            }
            if (next >= args.size()) {
                throw new BuiltinException("no argument specified for format verb " + next);
            }
            Value arg = args.get(next++);
            if (arg instanceof NumberValue n && verb != 's' && verb != 'v') {
                out.append(number(verb, n, width));
            } else if (verb == 's' || verb == 'v') {
                out.append(ValueWriter.printable(arg));
            } else if (verb == '+') {
                // The reference engine takes the character after %+ as part of the verb.
                int after = i < format.length() ? format.codePointAt(i) : -1;
                i += after < 0 ? 0 : Character.charCount(after);
                if (after == 'v') {
                    throw new BuiltinException("Go-syntax fields names format verm %#v is not supported.");
                }
            } else if (verb == 'T' || verb == '#' || verb == 'q' || verb == 'p') {
                throw new BuiltinException("Go-syntax format verbs %#v. %q, %p and %T are not supported.");
            }
        }
        // As in Go, arguments left over are no error once an index has reordered them.
        if (next < args.size() && !indexed) {
            throw new BuiltinException("extra arguments (" + args.size() + ") specified for " + next + " format verbs.");
        }
        return out.toString();
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String number(int verb, NumberValue n, Width width) {
        String sign = n.signum() < 0 ? "-" : "";
        boolean integer = n.isInteger();
        switch (verb) {
            case 'b':
                return integer ? sign + radix(n, 2) : notFor(verb);
            case 'c':
                return integer ? character(n) : notFor(verb);
            case 'd':
                return integer ? sign + width.pad(n.text()) : notFor(verb);
            case 'o':
                return integer ? sign + width.pad("0O" + radix(n, 8)) : notFor(verb);
            case 'O':
                return integer ? sign + width.pad("0o" + radix(n, 8)) : notFor(verb);
            case 'x':
                return integer ? sign + width.pad(radix(n, 16)) : notFor(verb);
            case 'X':
                return integer ? sign + width.pad(radix(n, 16).toUpperCase(java.util.Locale.ROOT)) : notFor(verb);
            case 'e':
                return scientific(n);
            case 'E':
                return scientific(n).replace('e', 'E');
            case 'f':
            case 'F':
                return width.kind() == Kind.DECIMALS ? fixed(n, width.n()) : width.pad(n.text());
            case 'g':
                return sign + general(n, false);
            case 'G':
                return sign + general(n, true);
            default:
                return notFor(verb);
        }
    }

    private static String notFor(int verb) {
        throw new BuiltinException("number specified for format verb " + Character.toString(verb) + ".");
    }

    /** Digits of the integer, with its own sign; an integral float beyond 2^53 has none. */
    private static String radix(NumberValue n, int radix) {
        BigInteger i = n.toBigInteger();
        return i == null ? "" : i.toString(radix);
    }

    /** The code point of the low 32 bits, as the reference engine converts. */
    private static String character(NumberValue n) {
        BigInteger i = n.toBigInteger();
        if (i == null && n.isFloat()) {
            i = new BigDecimal(n.toDouble()).toBigInteger();
        }
        int cp = i.intValue();
        if (i.signum() < 0 || i.bitLength() > 64 || !Character.isValidCodePoint(cp)
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            throw new BuiltinException("invalid value " + n.text() + " for format verb c.");
        }
        return Character.toString(cp);
    }

    /** Rust's {@code {:e}} for floats (shortest digits); integers keep every digit ("1.00e2" for 100). */
    private static String scientific(NumberValue n) {
        if (n.isFloat()) {
            return FloatText.scientific(n.toDouble());
        }
        String digits = n.toBigInteger().abs().toString();
        String sign = n.signum() < 0 ? "-" : "";
        if (digits.length() == 1) {
            return sign + digits + "e0";
        }
        return sign + digits.charAt(0) + "." + digits.substring(1) + "e" + (digits.length() - 1);
    }

    /**
     * {@code %.Nf}: a float is rounded half away from zero at N decimals, then printed with N
     * decimals; an integer prints as it is, without decimals.
     */
    private static String fixed(NumberValue n, int decimals) {
        if (!n.isFloat()) {
            return n.text();
        }
        double factor = powi(10, decimals);
        double rounded = roundHalfAway(n.toDouble() * factor) / factor;
        if (Double.isNaN(rounded)) {
            return "NaN";
        }
        if (Double.isInfinite(rounded)) {
            return rounded > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(rounded).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = Double.doubleToRawLongBits(rounded) < 0;
        return negative && !text.startsWith("-") ? "-" + text : text;
    }

    /** Repeated squaring, as compiled code computes an integer power, so large N rounds the same way. */
    private static double powi(double base, int exponent) {
        double result = 1;
        for (int e = exponent; ; e /= 2) {
            if ((e & 1) != 0) {
                result *= base;
            }
            if (e / 2 == 0) {
                return result;
            }
            base *= base;
        }
    }

    private static double roundHalfAway(double x) {
        if (!Double.isFinite(x)) {
            return x;
        }
        double magnitude = Math.abs(x);
        double floor = Math.floor(magnitude);
        return Math.copySign(magnitude - floor >= 0.5 ? floor + 1 : floor, x);
    }

    /**
     * {@code %g}: the value as a float (integers only up to 2^53), printed in exponent form unless
     * its binary exponent is tiny, the reference engine's approximation of Go's rule.
     */
    private static String general(NumberValue n, boolean upper) {
        double v;
        if (n.isFloat()) {
            v = n.toDouble();
        } else if (n.toBigInteger().abs().compareTo(SAFE_INTEGER) <= 0) {
            v = n.toBigInteger().doubleValue();
        } else {
            throw new BuiltinException("cannot print large float using g format specified");
        }
        long exponentBits = (Double.doubleToRawLongBits(v) >> 52) & 0x7ff;
        if (exponentBits <= 32) {
            return NumberValue.ofFloat(v).text();
        }
        String text = FloatText.scientific(v);
        return upper ? text.replace('e', 'E') : text;
    }
}
