package io.github.coco4j.rego.value;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON Patch over values: add, remove, replace, move, copy and test, applied in order to
 * a copy; the document is returned patched, or an {@link IllegalArgumentException} says which
 * operation failed and why.
 */
public final class JsonPatch {
    private JsonPatch() {
    }

    public static Value apply(Value document, ArrayValue operations) {
        Value doc = document;
        for (int i = 0; i < operations.size(); i++) {
            if (!(operations.get(i) instanceof ObjectValue op)) {
                throw new IllegalArgumentException("operation " + i + " is not an object");
            }
            try {
                doc = applyOne(doc, op);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operation " + i + ": " + e.getMessage());
            }
        }
        return doc;
    }

    private static Value applyOne(Value doc, ObjectValue op) {
        String kind = text(op, "op");
        List<String> path = pointer(text(op, "path"));
        switch (kind) {
            case "add": return add(doc, path, 0, required(op, "value"));
            case "remove": return remove(doc, path, 0);
            case "replace": {
                get(doc, path);
                return add(remove(doc, path, 0), path, 0, required(op, "value"));
            }
            case "move": {
                List<String> from = pointer(text(op, "from"));
                Value moved = get(doc, from);
                return add(remove(doc, from, 0), path, 0, moved);
            }
            case "copy": return add(doc, path, 0, get(doc, pointer(text(op, "from"))));
            case "test": {
                if (!get(doc, path).equals(required(op, "value"))) {
                    throw new IllegalArgumentException("test failed at " + text(op, "path"));
                }
                return doc;
            }
            default: throw new IllegalArgumentException("unknown op \"" + kind + "\"");
        }
    }

    private static String text(ObjectValue op, String field) {
        if (!(op.get(field) instanceof StringValue s)) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return s.value();
    }

    private static Value required(ObjectValue op, String field) {
        Value v = op.get(field);
        if (v == null) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return v;
    }

    /** RFC 6901: "" is the whole document; "/a~1b/~0" is ["a/b", "~"]. */
    static List<String> pointer(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("path \"" + text + "\" must start with /");
        }
        List<String> out = new ArrayList<>();
        for (String token : text.substring(1).split("/", -1)) {
            out.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static Value get(Value doc, List<String> path) {
        Value at = doc;
        for (String token : path) {
            at = child(at, token);
            if (at == null) {
                throw new IllegalArgumentException("no value at /" + String.join("/", path));
            }
        }
        return at;
    }

    private static Value child(Value parent, String token) {
        if (parent instanceof ObjectValue o) {
            return o.get(StringValue.of(token));
        }
        if (parent instanceof ArrayValue a) {
            int i = arrayIndex(token, a.size() - 1);
            return i < 0 ? null : a.get(i);
        }
        return null;
    }

    private static Value add(Value doc, List<String> path, int depth, Value value) {
        if (depth == path.size()) {
            return value;
        }
        String token = path.get(depth);
        boolean last = depth == path.size() - 1;
        if (doc instanceof ObjectValue o) {
            StringValue key = StringValue.of(token);
            if (last) {
                return o.with(key, value);
            }
            Value next = o.get(key);
            if (next == null) {
                throw new IllegalArgumentException("no value at " + token);
            }
            return o.with(key, add(next, path, depth + 1, value));
        }
        if (doc instanceof ArrayValue a) {
            List<Value> items = new ArrayList<>(a.asList());
            if (last) {
                int i = token.equals("-") ? items.size() : arrayIndex(token, items.size());
                if (i < 0) {
                    throw new IllegalArgumentException("index " + token + " is out of bounds");
                }
                items.add(i, value);
            } else {
                int i = arrayIndex(token, items.size() - 1);
                if (i < 0) {
                    throw new IllegalArgumentException("index " + token + " is out of bounds");
                }
                items.set(i, add(items.get(i), path, depth + 1, value));
            }
            return ArrayValue.of(items);
        }
        throw new IllegalArgumentException("cannot add into a " + doc.typeName());
    }

    private static Value remove(Value doc, List<String> path, int depth) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("cannot remove the whole document");
        }
        String token = path.get(depth);
        boolean last = depth == path.size() - 1;
        if (doc instanceof ObjectValue o) {
            StringValue key = StringValue.of(token);
            Value next = o.get(key);
            if (next == null) {
                throw new IllegalArgumentException("no value at " + token);
            }
            return last ? o.without(key) : o.with(key, remove(next, path, depth + 1));
        }
        if (doc instanceof ArrayValue a) {
            int i = arrayIndex(token, a.size() - 1);
            if (i < 0) {
                throw new IllegalArgumentException("index " + token + " is out of bounds");
            }
            List<Value> items = new ArrayList<>(a.asList());
            if (last) {
                items.remove(i);
            } else {
                items.set(i, remove(items.get(i), path, depth + 1));
            }
            return ArrayValue.of(items);
        }
        throw new IllegalArgumentException("no value at " + token);
    }

    /** A decimal index without leading zeros, at most {@code max}; -1 otherwise. */
    private static int arrayIndex(String token, int max) {
        if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)
                || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        int i = Integer.parseInt(token);
        return i <= max ? i : -1;
    }
}
