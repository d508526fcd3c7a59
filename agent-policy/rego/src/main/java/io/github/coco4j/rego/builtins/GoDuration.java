package io.github.coco4j.rego.builtins;

/**
 * Go's {@code time.ParseDuration} as the reference engine ports it, quirks included: a number
 * must be followed by its unit, so a trailing digit is reported as an unknown unit.
 */
final class GoDuration {
    private static final long NANOSECOND = 1;
    private static final long MICROSECOND = 1000 * NANOSECOND;
    private static final long MILLISECOND = 1000 * MICROSECOND;
    private static final long SECOND = 1000 * MILLISECOND;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    /** 2^63 as an unsigned long: the magnitude of the most negative duration. */
    private static final long TWO_63 = Long.MIN_VALUE;

    private GoDuration() {
    }

    /** Nanoseconds; a {@link BuiltinException} carries the reference engine's message otherwise. */
    static long parse(String orig) {
        String s = orig;
        boolean neg = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        long dur = 0; // unsigned, at most 2^63
        while (!s.isEmpty()) {
            if (!(s.charAt(0) == '.' || isDigit(s.charAt(0)))) {
                throw invalid(orig);
            }
            int before = s.length();
            // The integer part; its last digit stays in the input when nothing follows it.
            int last = 0;
            long v = 0;
            for (int i = 0; i < s.length(); i++) {
                last = i;
                char c = s.charAt(i);
                if (!isDigit(c)) {
                    break;
                }
                if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, 10)) > 0) {
                    throw new BuiltinException("overflow");
                }
                v = v * 10 + (c - '0');
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw new BuiltinException("overflow");
                }
            }
            s = s.substring(last);
            boolean pre = before != s.length();

            boolean post = false;
            long f = 0;
            double scale = 1.0;
            if (s.startsWith(".")) {
                s = s.substring(1);
                int fractionStart = s.length();
                boolean overflow = false;
                last = 0;
                for (int i = 0; i < s.length(); i++) {
                    last = i;
                    char c = s.charAt(i);
                    if (!isDigit(c)) {
                        break;
                    }
                    if (overflow) {
                        continue;
                    }
                    if (f > Long.MAX_VALUE / 10) {
                        overflow = true;
                        continue;
                    }
                    long y = f * 10 + (c - '0');
                    if (Long.compareUnsigned(y, TWO_63) > 0) {
                        overflow = true;
                        continue;
                    }
                    f = y;
                    scale *= 10.0;
                }
                s = s.substring(last);
                post = fractionStart != s.length();
            }
            if (!pre && !post) {
                throw invalid(orig);
            }

            int end = 0;
            while (end < s.length() && s.charAt(end) != '.' && !isDigit(s.charAt(end))) {
                end++;
            }
            String unitName = s.substring(0, Math.max(end, Math.min(1, s.length())));
            long unit = unit(unitName);
            s = s.substring(unitName.length());

            if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f != 0) {
                // The fraction is scaled in floating point, nanosecond-accurate even for hours.
                double fraction = f < 0 ? 0x1p63 : f;
                v += (long) (fraction * ((double) unit / scale));
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(orig);
                }
            }
            dur += v;
            if (Long.compareUnsigned(dur, TWO_63) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return -dur;
        }
        if (dur < 0) {
            throw invalid(orig);
        }
        return dur;
    }

    private static long unit(String name) {
        return switch (name) {
            case "ns" -> NANOSECOND;
            case "us", "\u00b5s", "\u03bcs" -> MICROSECOND;
            case "ms" -> MILLISECOND;
            case "s" -> SECOND;
            case "m" -> MINUTE;
            case "h" -> HOUR;
            default -> throw new BuiltinException("unknown unit: " + name);
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static BuiltinException invalid(String orig) {
        return new BuiltinException("invalid duration: " + orig);
    }
}
