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
    /** OPA's codes before the reference engine's own words, so that both name the error. */
    private static final String BUILTIN_ERROR = "eval_builtin_error: ";
    private static final String TYPE_ERROR = "eval_type_error: ";

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
                return minus(left, right);
            case PLUS: return number("add", left).add(number("add", right));
            case TIMES: return number("mul", left).multiply(number("mul", right));
            case DIVIDE: {
                NumberValue divisor = number("div", right);
                NumberValue dividend = number("div", left);
                if (divisor.isZero()) {
                    return zero(strict, "div: divide by zero");
                }
                return dividend.divide(divisor);
            }
            case MODULO: {
                NumberValue divisor = number("mod", right);
                NumberValue dividend = number("mod", left);
                if (divisor.isZero()) {
                    return zero(strict, "rem: modulo by zero");
                }
                if (!dividend.isInteger() || !divisor.isInteger()) {
                    throw new RegoException(BUILTIN_ERROR + "rem: modulo on floating-point number");
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

    /**
     * Set difference or subtraction, chosen by the left operand. A set on one side only is OPA's
     * type error, named after the operand that does not match the other one.
     */
    private static Value minus(Value left, Value right) {
        if (left instanceof SetValue s) {
            if (right instanceof SetValue r) {
                return s.difference(r);
            }
            throw new RegoException(TYPE_ERROR + "minus: operand 2 must be set but got " + right.typeName());
        }
        if (left instanceof NumberValue && right instanceof SetValue) {
            throw new RegoException(TYPE_ERROR + "minus: operand 2 must be number but got set");
        }
        return number("sub", left).subtract(number("sub", right));
    }

    private static Value zero(boolean strict, String message) {
        if (strict) {
            throw new RegoException(BUILTIN_ERROR + message);
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
