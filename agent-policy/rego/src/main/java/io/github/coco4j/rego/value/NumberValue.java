package io.github.coco4j.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A Rego number: an exact integer of any size, or a double. Integer arithmetic stays exact (JSON
 * numbers like 2^64 keep every digit); an integral float result becomes an integer again, except
 * after division, and integers and floats compare by value (1 == 1.0).
 */
public final class NumberValue extends Value {
    private static final double SAFE_INTEGER = 9007199254740992.0; // 2^53
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final NumberValue[] SMALL = new NumberValue[1024 + 128];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NumberValue(i - 128, null, 0, Kind.LONG);
        }
    }

    private enum Kind { LONG, BIG, FLOAT }

    private final long longValue;
    private final BigInteger bigValue;
    private final double doubleValue;
    private final Kind kind;

    private NumberValue(long longValue, BigInteger bigValue, double doubleValue, Kind kind) {
        this.longValue = longValue;
        this.bigValue = bigValue;
        this.doubleValue = doubleValue;
        this.kind = kind;
    }

    public static final NumberValue ZERO = of(0);
    public static final NumberValue ONE = of(1);

    public static NumberValue of(long value) {
        if (value >= -128 && value < SMALL.length - 128) {
            return SMALL[(int) value + 128];
        }
        return new NumberValue(value, null, 0, Kind.LONG);
    }

    public static NumberValue of(BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return of(value.longValue());
        }
        return new NumberValue(0, value, 0, Kind.BIG);
    }

    /** A float exactly as computed (a quotient keeps its float nature). */
    public static NumberValue ofFloat(double value) {
        return new NumberValue(0, null, value, Kind.FLOAT);
    }

    /** A float result that becomes an integer when it is one (sums, products, rounding). */
    public static NumberValue normalized(double value) {
        BigInteger integral = integral(value);
        return integral != null ? of(integral) : ofFloat(value);
    }

    /** Integer digits a number written with an exponent keeps exactly. */
    static final int MAX_EXACT_DIGITS = 10_000;

    /** Parses JSON or Rego number text; integers stay exact, whatever their size. */
    public static NumberValue parse(String text) {
        String t = text.replace("_", "");
        boolean integer = t.chars().allMatch(c -> c == '-' || c == '+' || (c >= '0' && c <= '9'));
        if (integer && !t.isEmpty()) {
            return of(new BigInteger(t.startsWith("+") ? t.substring(1) : t));
        }
        BigDecimal decimal = new BigDecimal(t.startsWith(".") ? "0" + t : t.startsWith("-.") ? "-0" + t.substring(1) : t);
        // Expanding a large exponent exactly takes time and memory that grow with it (1e66666632
        // took 50 s), so past MAX_EXACT_DIGITS integer digits the value is a float.
        if (decimal.precision() - decimal.scale() > MAX_EXACT_DIGITS) {
            return ofFloat(decimal.doubleValue());
        }
        try {
            return of(decimal.toBigIntegerExact());
        } catch (ArithmeticException notIntegral) {
            return ofFloat(decimal.doubleValue());
        }
    }

    private static BigInteger integral(double value) {
        if (!Double.isFinite(value) || value != Math.floor(value) || Math.abs(value) > SAFE_INTEGER) {
            return null;
        }
        return BigInteger.valueOf((long) value);
    }

    public boolean isFloat() {
        return kind == Kind.FLOAT;
    }

    /** Whether the number has no fractional part. */
    public boolean isInteger() {
        return kind != Kind.FLOAT || (Double.isFinite(doubleValue) && doubleValue == Math.floor(doubleValue));
    }

    /** The exact integer, or null for a float that is not a safe integer. */
    public BigInteger toBigInteger() {
        return switch (kind) {
            case LONG -> BigInteger.valueOf(longValue);
            case BIG -> bigValue;
            case FLOAT -> integral(doubleValue);
        };
    }

    /** The value as a long when it is an integer in range, else null. */
    public Long toLong() {
        return switch (kind) {
            case LONG -> longValue;
            case BIG -> null;
            case FLOAT -> {
                BigInteger i = integral(doubleValue);
                yield i == null ? null : i.longValue();
            }
        };
    }

    public double toDouble() {
        return switch (kind) {
            case LONG -> longValue;
            case BIG -> bigValue.doubleValue();
            case FLOAT -> doubleValue;
        };
    }

    public NumberValue add(NumberValue other) {
        if (kind == Kind.FLOAT || other.kind == Kind.FLOAT) {
            return normalized(toDouble() + other.toDouble());
        }
        if (kind == Kind.LONG && other.kind == Kind.LONG) {
            long r = longValue + other.longValue;
            if (((longValue ^ r) & (other.longValue ^ r)) >= 0) {
                return of(r);
            }
        }
        return of(toBigInteger().add(other.toBigInteger()));
    }

    public NumberValue subtract(NumberValue other) {
        if (kind == Kind.FLOAT || other.kind == Kind.FLOAT) {
            return normalized(toDouble() - other.toDouble());
        }
        if (kind == Kind.LONG && other.kind == Kind.LONG) {
            long r = longValue - other.longValue;
            if (((longValue ^ other.longValue) & (longValue ^ r)) >= 0) {
                return of(r);
            }
        }
        return of(toBigInteger().subtract(other.toBigInteger()));
    }

    public NumberValue multiply(NumberValue other) {
        if (kind == Kind.FLOAT || other.kind == Kind.FLOAT) {
            return normalized(toDouble() * other.toDouble());
        }
        if (kind == Kind.LONG && other.kind == Kind.LONG) {
            long high = Math.multiplyHigh(longValue, other.longValue);
            long low = longValue * other.longValue;
            if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
                return of(low);
            }
        }
        return of(toBigInteger().multiply(other.toBigInteger()));
    }

    /** Exact when the divisor divides the dividend; a float otherwise. */
    public NumberValue divide(NumberValue other) {
        if (other.isZero()) {
            throw new ArithmeticException("divide by zero");
        }
        if (kind != Kind.FLOAT && other.kind != Kind.FLOAT) {
            BigInteger[] qr = toBigInteger().divideAndRemainder(other.toBigInteger());
            if (qr[1].signum() == 0) {
                return of(qr[0]);
            }
        }
        return ofFloat(toDouble() / other.toDouble());
    }

    public NumberValue remainder(NumberValue other) {
        BigInteger a = toBigInteger();
        BigInteger b = other.toBigInteger();
        if (a == null || b == null || kind == Kind.FLOAT && !isInteger() || other.kind == Kind.FLOAT && !other.isInteger()) {
            throw new ArithmeticException("modulo on floating-point number");
        }
        if (b.signum() == 0) {
            throw new ArithmeticException("modulo by zero");
        }
        return of(a.remainder(b));
    }

    public NumberValue negate() {
        return switch (kind) {
            case LONG -> longValue == Long.MIN_VALUE ? of(BigInteger.valueOf(longValue).negate()) : of(-longValue);
            case BIG -> of(bigValue.negate());
            case FLOAT -> ofFloat(-doubleValue);
        };
    }

    public boolean isZero() {
        return switch (kind) {
            case LONG -> longValue == 0;
            case BIG -> false;
            case FLOAT -> doubleValue == 0.0;
        };
    }

    public int signum() {
        return switch (kind) {
            case LONG -> Long.signum(longValue);
            case BIG -> bigValue.signum();
            case FLOAT -> (int) Math.signum(doubleValue);
        };
    }

    @Override
    int rank() {
        return 2;
    }

    @Override
    int compareSameKind(Value other) {
        NumberValue n = (NumberValue) other;
        if (kind == Kind.LONG && n.kind == Kind.LONG) {
            return Long.compare(longValue, n.longValue);
        }
        BigInteger a = toBigInteger();
        BigInteger b = n.toBigInteger();
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        return Double.compare(toDouble(), n.toDouble()) == 0 ? 0 : (toDouble() < n.toDouble() ? -1 : 1);
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public int hashCode() {
        if (kind == Kind.LONG) {
            return Long.hashCode(longValue);
        }
        BigInteger integer = toBigInteger();
        if (integer != null) {
            return integer.bitLength() < 64 ? Long.hashCode(integer.longValue()) : integer.hashCode();
        }
        return Double.hashCode(doubleValue);
    }

    /** Decimal text without exponent, as Rego prints numbers. */
    public String text() {
        return switch (kind) {
            case LONG -> Long.toString(longValue);
            case BIG -> bigValue.toString();
            case FLOAT -> floatText(doubleValue);
        };
    }

    private static String floatText(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
