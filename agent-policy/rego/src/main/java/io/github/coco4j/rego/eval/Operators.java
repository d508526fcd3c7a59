package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.ast.Expr.Operator;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;

/** Arithmetic, set and comparison operators; null means undefined. */
final class Operators {
    private Operators() {
    }

    static Value apply(Operator op, Value left, Value right, boolean strict) {
        switch (op) {
            case EQ: return BoolValue.of(left.equals(right));
            case NEQ: return BoolValue.of(!left.equals(right));
            case LT: return BoolValue.of(left.compareTo(right) < 0);
            case LTE: return BoolValue.of(left.compareTo(right) <= 0);
            case GT: return BoolValue.of(left.compareTo(right) > 0);
            case GTE: return BoolValue.of(left.compareTo(right) >= 0);
            case UNION: return sets("union", left, right).union((SetValue) right);
            case INTERSECTION: return sets("intersection", left, right).intersection((SetValue) right);
            case MINUS:
                if (left instanceof SetValue || right instanceof SetValue) {
                    return sets("difference", left, right).difference((SetValue) right);
                }
                return number("sub", left).subtract(number("sub", right));
            case PLUS: return number("add", left).add(number("add", right));
            case TIMES: return number("mul", left).multiply(number("mul", right));
            case DIVIDE: {
                NumberValue divisor = number("div", right);
                NumberValue dividend = number("div", left);
                if (divisor.isZero()) {
                    return zero(strict, "divide by zero");
                }
                return dividend.divide(divisor);
            }
            case MODULO: {
                NumberValue divisor = number("mod", right);
                NumberValue dividend = number("mod", left);
                if (divisor.isZero()) {
                    return zero(strict, "modulo by zero");
                }
                if (!dividend.isInteger() || !divisor.isInteger()) {
                    throw new RegoException("modulo on floating-point number");
                }
                return dividend.remainder(divisor);
            }
            default: throw new IllegalStateException(op.toString());
        }
    }

    static Value negate(Value operand) {
        return number("neg", operand).negate();
    }

    /** {@code value in collection}, or {@code key, value in collection} when key is not null. */
    static BoolValue member(Value key, Value value, Value collection) {
        if (key == null) {
            if (collection instanceof SetValue s) {
                return BoolValue.of(s.contains(value));
            }
            boolean[] found = {false};
            Containers.forEach(collection, (k, v) -> !(found[0] = v.equals(value)));
            return BoolValue.of(found[0]);
        }
        if (collection instanceof ArrayValue || collection instanceof ObjectValue) {
            Value at = Containers.get(collection, key);
            return BoolValue.of(at != null && at.equals(value));
        }
        if (collection instanceof SetValue s) {
            return BoolValue.of(key.equals(value) && s.contains(value));
        }
        return BoolValue.FALSE;
    }

    private static Value zero(boolean strict, String message) {
        if (strict) {
            throw new RegoException(message);
        }
        return null;
    }

    private static SetValue sets(String name, Value left, Value right) {
        if (!(left instanceof SetValue s)) {
            throw new RegoException("`" + name + "` expects set argument. Got `" + left + "` instead");
        }
        if (!(right instanceof SetValue)) {
            throw new RegoException("`" + name + "` expects set argument. Got `" + right + "` instead");
        }
        return s;
    }

    private static NumberValue number(String name, Value v) {
        if (v instanceof NumberValue n) {
            return n;
        }
        throw new RegoException("`" + name + "` expects numeric argument. Got `" + v + "` instead");
    }
}
