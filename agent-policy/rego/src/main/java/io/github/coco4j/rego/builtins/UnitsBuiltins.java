package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/** units.parse (SI and binary suffixes, "m" is milli) and units.parse_bytes (whole bytes, "m" is mega). */
final class UnitsBuiltins implements BuiltinFamily {
    /** A floating-point literal as Rust reads one. */
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))");
    /** Decimal exponents with more digits than this are refused rather than expanded. */
    private static final int MAX_EXPONENT = 10_000;
    private static final Errors AMOUNT = new Errors("units.parse", "amount");
    private static final Errors BYTES = new Errors("units.parse_bytes", "byte amount");

    @Override
    public void register(Builtins t) {
        t.add("units.parse", 1, (c, a) -> parse(Args.string(AMOUNT.name, a[0])));
        t.add("units.parse_bytes", 1, (c, a) -> parseBytes(c, Args.string(BYTES.name, a[0])));
    }

    /** OPA's error words, which name the builtin and tell a missing amount from an unreadable one. */
    private record Errors(String name, String amount) {
        BuiltinException spaces() {
            return new BuiltinException(name + ": spaces not allowed in resource strings");
        }

        BuiltinException missing() {
            return new BuiltinException(name + ": no " + amount + " provided");
        }

        BuiltinException unreadable() {
            return new BuiltinException(name + ": could not parse " + amount + " to a number");
        }
    }

    private static Value parse(String text) {
        String[] parts = split(unquoted(text, AMOUNT), AMOUNT);
        try {
            Integer ten = decimalExponent(parts[1]);
            if (ten != null) {
                return number(withExponent(parts[0], ten));
            }
            Integer two = binaryExponent(parts[1], false);
            return two == null ? null : number(parts[0]).multiply(NumberValue.of(BigInteger.ONE.shiftLeft(two)));
        } catch (BuiltinException unreadable) {
            throw AMOUNT.unreadable();
        }
    }

    /** Without strict errors, a missing or unreadable amount is undefined, as the reference engine has it. */
    private static Value parseBytes(BuiltinContext c, String text) {
        String s = unquoted(text, BYTES);
        try {
            return bytes(split(s, BYTES));
        } catch (BuiltinException unreadable) {
            if (c.strict()) {
                throw unreadable;
            }
            return null;
        }
    }

    private static Value bytes(String[] parts) {
        try {
            Integer two = binaryExponent(parts[1], true);
            if (two != null) {
                return round(number(parts[0]).multiply(NumberValue.of(BigInteger.ONE.shiftLeft(two))));
            }
            Integer ten = byteDecimalExponent(parts[1]);
            return ten == null ? null : round(number(withExponent(parts[0], ten)));
        } catch (BuiltinException unreadable) {
            throw BYTES.unreadable();
        }
    }

    /** The text without surrounding quotes, which must hold no whitespace. */
    private static String unquoted(String text, Errors errors) {
        String s = text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
        if (RustText.hasWhitespace(s)) {
            throw errors.spaces();
        }
        return s;
    }

    /**
     * The number part (up to the last digit, a leading "." completed to "0.") and the suffix;
     * text without a digit has no amount.
     */
    private static String[] split(String s, Errors errors) {
        int last = s.length() - 1;
        while (last >= 0 && !(s.charAt(last) >= '0' && s.charAt(last) <= '9')) {
            last--;
        }
        if (last < 0) {
            throw errors.missing();
        }
        String number = s.substring(0, last + 1);
        String suffix = s.substring(last + 1);
        if (number.startsWith("-.") || number.startsWith("+.")) {
            number = number.charAt(0) + "0" + number.substring(1);
        } else if (number.startsWith(".")) {
            number = "0" + number;
        }
        return new String[] {number, suffix};
    }

    private static Integer decimalExponent(String suffix) {
        return switch (suffix) {
            case "E", "e" -> 18;
            case "P", "p" -> 15;
            case "T", "t" -> 12;
            case "G", "g" -> 9;
            case "M" -> 6;
            case "K", "k" -> 3;
            case "m" -> -3;
            // Beyond OPA's list, as the reference engine accepts them.
            case "Q" -> 30;
            case "R" -> 27;
            case "Y" -> 24;
            case "Z" -> 21;
            case "h" -> 2;
            case "da" -> 1;
            case "d" -> -1;
            case "c" -> -2;
            case "\u03bc" -> -6;
            case "n" -> -9;
            case "f" -> -15;
            case "a" -> -18;
            case "z" -> -21;
            case "y" -> -24;
            case "r" -> -27;
            case "q" -> -30;
            case "" -> 0;
            default -> null;
        };
    }

    /** Ki, Mi, ... in any case; for bytes also with a trailing b, and no suffix at all. */
    private static Integer binaryExponent(String suffix, boolean bytes) {
        String s = suffix.toLowerCase(Locale.ROOT);
        if (bytes && s.isEmpty()) {
            return 0;
        }
        if (bytes && s.endsWith("ib")) {
            s = s.substring(0, s.length() - 1);
        }
        return switch (s) {
            case "ki" -> 10;
            case "mi" -> 20;
            case "gi" -> 30;
            case "ti" -> 40;
            case "pi" -> 50;
            case "ei" -> 60;
            case "zi" -> 70;
            case "yi" -> 80;
            default -> null;
        };
    }

    private static Integer byteDecimalExponent(String suffix) {
        String s = suffix.toLowerCase(Locale.ROOT);
        if (s.length() == 2 && s.charAt(1) == 'b') {
            s = s.substring(0, 1);
        }
        return switch (s) {
            case "q" -> 30;
            case "r" -> 27;
            case "y" -> 24;
            case "z" -> 21;
            case "e" -> 18;
            case "p" -> 15;
            case "t" -> 12;
            case "g" -> 9;
            case "m" -> 6;
            case "k" -> 3;
            default -> null;
        };
    }

    /** Adds the suffix's power of ten to the literal's own exponent, so "1.5e3k" is 1.5e6 exactly. */
    private static String withExponent(String number, int exponent) {
        if (exponent == 0) {
            return number;
        }
        String mantissa = number;
        long base = 0;
        int mark = exponentMark(number);
        if (mark >= 0 && mark + 1 < number.length()) {
            try {
                base = Integer.parseInt(number.substring(mark + 1));
                mantissa = number.substring(0, mark);
            } catch (NumberFormatException notAnExponent) {
                // The whole text is then taken as the mantissa.
            }
        }
        long combined = base + exponent;
        if (mantissa.isEmpty() || combined != (int) combined) {
            throw new BuiltinException("could not parse number");
        }
        return combined == 0 ? mantissa : mantissa + "e" + combined;
    }

    /**
     * A number as the reference engine reads number text: integers (also in scientific notation)
     * exactly, anything else as a double; underscores are ignored.
     */
    static NumberValue number(String text) {
        String t = text.strip().replace("_", "");
        if (t.startsWith("-.") || t.startsWith("+.")) {
            t = t.charAt(0) + "0" + t.substring(1);
        } else if (t.startsWith(".")) {
            t = "0" + t;
        }
        if (t.matches("[+-]?[0-9]+")) {
            return NumberValue.of(new BigInteger(t.startsWith("+") ? t.substring(1) : t));
        }
        NumberValue scientific = scientificInteger(t);
        if (scientific != null) {
            return scientific;
        }
        if (!FLOAT.matcher(t).matches()) {
            throw new BuiltinException("could not parse number");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        double d = lower.endsWith("nan") ? Double.NaN
                : lower.endsWith("inf") || lower.endsWith("infinity")
                        ? (lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                        : Double.parseDouble(t);
        return NumberValue.normalized(d);
    }

    /** Mantissa and exponent that make a whole number, or null. */
    private static NumberValue scientificInteger(String t) {
        int e = exponentMark(t);
        if (e < 0 || e + 1 == t.length()) {
            return null;
        }
        int exponent;
        try {
            exponent = Integer.parseInt(t.substring(e + 1));
        } catch (NumberFormatException notAnExponent) {
            return null;
        }
        String mantissa = t.substring(0, e);
        boolean negative = mantissa.startsWith("-");
        String unsigned = mantissa.startsWith("-") || mantissa.startsWith("+") ? mantissa.substring(1) : mantissa;
        if (unsigned.isEmpty() || !unsigned.matches("[0-9]*\\.?[0-9]*")) {
            return null;
        }
        int dot = unsigned.indexOf('.');
        String digits = unsigned.replace(".", "");
        if (digits.isEmpty()) {
            return NumberValue.ZERO;
        }
        int fraction = dot < 0 ? 0 : unsigned.length() - dot - 1;
        while (fraction > 0 && digits.endsWith("0")) {
            digits = digits.substring(0, digits.length() - 1);
            fraction--;
        }
        long adjusted = (long) exponent - fraction;
        if (adjusted < 0) {
            return null;
        }
        if (adjusted > MAX_EXPONENT) {
            throw new BuiltinException("could not parse number");
        }
        BigInteger value = new BigInteger(digits).multiply(BigInteger.TEN.pow((int) adjusted));
        return NumberValue.of(negative ? value.negate() : value);
    }

    private static int exponentMark(String number) {
        for (int i = 0; i < number.length(); i++) {
            if (number.charAt(i) == 'e' || number.charAt(i) == 'E') {
                return i;
            }
        }
        return -1;
    }

    /** Floats round half away from zero; integers stay as they are. */
    private static Value round(NumberValue n) {
        if (!n.isFloat()) {
            return n;
        }
        double d = n.toDouble();
        return Double.isFinite(d)
                ? NumberValue.normalized(new BigDecimal(d).setScale(0, RoundingMode.HALF_UP).doubleValue())
                : n;
    }
}
