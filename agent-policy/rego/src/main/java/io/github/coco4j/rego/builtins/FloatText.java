package io.github.coco4j.rego.builtins;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Float formats of the reference engine's libraries: Rust's {@code {:e}} and the ryu form JSON and YAML print. */
final class FloatText {
    private FloatText() {
    }

    /**
     * The shortest decimal that reads back as {@code v} (positive and finite), the closest one
     * when several are as short, with trailing zeros stripped.
     */
    static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == v) {
                return nearest.stripTrailingZeros();
            }
            RoundingMode other = nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
            BigDecimal neighbour = exact.round(new MathContext(precision, other));
            if (neighbour.doubleValue() == v) {
                return neighbour.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** Rust's {@code {:e}}: "1.5e0", "1e-7", "-2.5e10", "0e0". */
    static String scientific(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
        if (v == 0) {
            return sign + "0e0";
        }
        BigDecimal d = shortest(Math.abs(v));
        String digits = d.unscaledValue().toString();
        int exponent = digits.length() - 1 - d.scale();
        return sign + mantissa(digits) + "e" + exponent;
    }

    /**
     * The ryu crate's form, which serde_json and serde_yaml print floats in: plain notation with at
     * least one decimal ("100.0", "0.001") while the decimal point falls within 16 digits (and
     * after at most 5 leading zeros), exponent notation ("1e21", "1.5e-7") otherwise.
     */
    static String ryu(double v) {
        String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
        if (v == 0) {
            return sign + "0.0";
        }
        BigDecimal d = shortest(Math.abs(v));
        String digits = d.unscaledValue().toString();
        int length = digits.length();
        int k = -d.scale();
        int kk = length + k;
        if (k >= 0 && kk <= 16) {
            return sign + digits + "0".repeat(k) + ".0";
        }
        if (kk > 0 && kk <= 16) {
            return sign + digits.substring(0, kk) + "." + digits.substring(kk);
        }
        if (kk > -5 && kk <= 0) {
            return sign + "0." + "0".repeat(-kk) + digits;
        }
        return sign + mantissa(digits) + "e" + (kk - 1);
    }

    private static String mantissa(String digits) {
        return digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    }
}
