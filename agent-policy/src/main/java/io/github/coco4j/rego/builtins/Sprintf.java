package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.rego.value.ValueWriter;
import java.math.BigInteger;
import java.math.RoundingMode;

/** {@code sprintf}: Go's verbs %s %v %d %b %o %O %x %X %c %e %E %f %F %g %G, with widths and precision. */
final class Sprintf {
    private Sprintf() {
    }

    static String format(String format, ArrayValue args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < format.length()) {
            char ch = format.charAt(i++);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (i == format.length()) {
                throw new BuiltinException("missing format verb after `%` at end of format string");
            }
            if (format.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            char first = format.charAt(i);
            int width = -1;
            char widthKind = 0;
            if (first == '.' || Character.isDigit(first)) {
                widthKind = first == '.' ? '.' : first == '0' ? '0' : ' ';
                int start = first == '.' ? i + 1 : i;
                i = start;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                width = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
                if (i == format.length()) {
                    throw new BuiltinException("missing format verb after `%width` at end of format string");
                }
            }
            char verb = format.charAt(i++);
            if (next >= args.size()) {
                throw new BuiltinException("no argument specified for format verb " + next);
            }
            out.append(verb(verb, args.get(next++), width, widthKind));
        }
        if (next < args.size()) {
            throw new BuiltinException("extra arguments (" + args.size() + ") specified for " + next + " format verbs.");
        }
        return out.toString();
    }

    private static String verb(char verb, Value arg, int width, char widthKind) {
        if (verb == 's' || verb == 'v') {
            return arg instanceof StringValue s ? s.value() : plain(arg);
        }
        if (arg instanceof NumberValue n) {
            return number(verb, n, width, widthKind);
        }
        if (verb == 'T' || verb == '#' || verb == 'q' || verb == 'p') {
            throw new BuiltinException("Go-syntax format verbs %#v. %q, %p and %T are not supported.");
        }
        return "";
    }

    private static String number(char verb, NumberValue n, int width, char widthKind) {
        String sign = n.signum() < 0 ? "-" : "";
        BigInteger magnitude = n.isInteger() ? n.toBigInteger().abs() : null;
        switch (verb) {
            case 'd': return integral(n, verb, () -> sign + pad(magnitude.toString(), width, widthKind));
            case 'b': return integral(n, verb, () -> sign + magnitude.toString(2));
            case 'o': return integral(n, verb, () -> sign + pad("0O" + magnitude.toString(8), width, widthKind));
            case 'O': return integral(n, verb, () -> sign + pad("0o" + magnitude.toString(8), width, widthKind));
            case 'x': return integral(n, verb, () -> sign + pad(magnitude.toString(16), width, widthKind));
            case 'X': return integral(n, verb, () -> sign + pad(magnitude.toString(16).toUpperCase(), width, widthKind));
            case 'c': return integral(n, verb, () -> new String(Character.toChars(n.toBigInteger().intValueExact())));
            case 'e': return scientific(n);
            case 'E': return scientific(n).toUpperCase();
            case 'f':
            case 'F':
                return widthKind == '.' ? n.toBigDecimal().setScale(width, RoundingMode.HALF_EVEN).toPlainString()
                        : pad(n.text(), width, widthKind);
            case 'g':
            case 'G':
                return general(n, verb == 'G');
            default:
                throw new BuiltinException("number specified for format verb " + verb + ".");
        }
    }

    private static String integral(NumberValue n, char verb, java.util.function.Supplier<String> format) {
        if (!n.isInteger()) {
            throw new BuiltinException("number specified for format verb " + verb + ".");
        }
        return format.get();
    }

    /** Rust's {@code {:e}}: the shortest mantissa, then {@code e} and the exponent without padding. */
    private static String scientific(NumberValue n) {
        double v = n.toDouble();
        if (v == 0) {
            return "0e0";
        }
        String text = new java.math.BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros().toString();
        java.math.BigDecimal d = new java.math.BigDecimal(text);
        int exponent = d.precision() - d.scale() - 1;
        String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        return (v < 0 ? "-" : "") + mantissa + "e" + exponent;
    }

    private static String general(NumberValue n, boolean upper) {
        double v = Math.abs(n.toDouble());
        long exponentBits = (Double.doubleToRawLongBits(v) >> 52) & 0x7ff;
        String sign = n.signum() < 0 ? "-" : "";
        if (exponentBits > 32) {
            String s = scientific(NumberValue.ofFloat(v));
            return sign + (upper ? s.toUpperCase() : s);
        }
        return sign + NumberValue.ofFloat(v).text();
    }

    private static String pad(String s, int width, char kind) {
        if (width <= s.length() || kind == '.' || kind == 0) {
            return s;
        }
        return (kind == '0' ? "0" : " ").repeat(width - s.length()) + s;
    }

    /** {@code %v}: strings as they are at the top, quoted inside collections. */
    private static String plain(Value v) {
        if (v instanceof NumberValue n) {
            return n.text();
        }
        return ValueWriter.printable(v);
    }
}
