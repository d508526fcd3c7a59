package io.github.coco4j.rego.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Conversions between Rego values and Jackson trees. */
public final class Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Json() {
    }

    public static Value toValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL, MISSING -> NullValue.NULL;
            case BOOLEAN -> BoolValue.of(node.booleanValue());
            case STRING -> StringValue.of(node.textValue());
            case NUMBER -> number(node);
            case ARRAY -> {
                Value[] elements = new Value[node.size()];
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = toValue(node.get(i));
                }
                yield ArrayValue.wrap(elements);
            }
            case OBJECT -> {
                TreeMap<Value, Value> entries = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    entries.put(StringValue.of(e.getKey()), toValue(e.getValue()));
                }
                yield ObjectValue.of(entries);
            }
            default -> throw new IllegalArgumentException("cannot convert JSON node of type " + node.getNodeType());
        };
    }

    private static NumberValue number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? NumberValue.of(node.longValue()) : NumberValue.of(node.bigIntegerValue());
        }
        if (node.isBigDecimal()) {
            return NumberValue.parse(node.decimalValue().toString());
        }
        return NumberValue.normalized(node.doubleValue());
    }

    /** Sets become arrays; object keys that are not strings become their JSON text. */
    public static JsonNode toJson(Value value) {
        if (value instanceof NullValue) {
            return NODES.nullNode();
        } else if (value instanceof BoolValue b) {
            return NODES.booleanNode(b.value());
        } else if (value instanceof StringValue s) {
            return NODES.textNode(s.value());
        } else if (value instanceof NumberValue n) {
            if (!n.isFloat()) {
                BigInteger i = n.toBigInteger();
                return i.bitLength() < 64 ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
            }
            return Double.isFinite(n.toDouble()) ? NODES.numberNode(n.toDouble()) : NODES.textNode(n.text());
        } else if (value instanceof ArrayValue a) {
            ArrayNode array = NODES.arrayNode(a.size());
            for (int i = 0; i < a.size(); i++) {
                array.add(toJson(a.get(i)));
            }
            return array;
        } else if (value instanceof SetValue s) {
            ArrayNode array = NODES.arrayNode(s.size());
            for (int i = 0; i < s.size(); i++) {
                array.add(toJson(s.get(i)));
            }
            return array;
        }
        ObjectValue o = (ObjectValue) value;
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < o.size(); i++) {
            Value key = o.keyAt(i);
            object.set(key instanceof StringValue s ? s.value() : key.toString(), toJson(o.valueAt(i)));
        }
        return object;
    }

}
