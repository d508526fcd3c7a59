package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * JSON Patch (RFC 6902) as the reference engine applies it, on an edit tree rendered once at the
 * end. Beyond the RFC: paths may be arrays of keys of any kind, set members are addressed by
 * value (a member must equal the value inserted for it), and the root can be removed (the result
 * is then undefined) and added again. Any failure makes the whole patch fail.
 */
final class JsonPatchTree {
    /** The patch cannot be applied; {@code json.patch} is then undefined. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private Node root;

    private JsonPatchTree(Value document) {
        root = new Node(document);
    }

    /** The patched document, or null when the root was removed. */
    static Value apply(Value document, ArrayValue operations) {
        JsonPatchTree tree = new JsonPatchTree(document);
        for (Value operation : operations.asList()) {
            if (!(operation instanceof ObjectValue op)) {
                throw new Failure("must be an array of JSON-Patch objects, but at least one element is not an object");
            }
            tree.apply(op);
        }
        return tree.root == null ? null : tree.root.render();
    }

    private void apply(ObjectValue op) {
        if (!(field(op, "op") instanceof StringValue name)) {
            throw new Failure("attribute 'op' must be a string");
        }
        switch (name.value()) {
            case "add" -> insert(path(field(op, "path")), new Node(field(op, "value")));
            case "remove" -> remove(path(field(op, "path")));
            case "replace" -> {
                // Delete then insert: a set member cannot be replaced by a different value.
                List<Value> path = path(field(op, "path"));
                remove(path);
                insert(path, new Node(field(op, "value")));
            }
            case "move" -> {
                List<Value> from = path(field(op, "from"));
                List<Value> path = path(field(op, "path"));
                insert(path, remove(from));
            }
            case "copy" -> {
                List<Value> from = path(field(op, "from"));
                List<Value> path = path(field(op, "path"));
                insert(path, new Node(existingRoot().get(from, 0).render()));
            }
            case "test" -> {
                Value actual = existingRoot().get(path(field(op, "path")), 0).render();
                if (!actual.equals(field(op, "value"))) {
                    throw new Failure("value from patch != expected value");
                }
            }
            default -> throw new Failure("unrecognized op '" + name.value() + "'");
        }
    }

    private static Value field(ObjectValue op, String name) {
        Value v = op.get(name);
        if (v == null) {
            throw new Failure("missing '" + name + "' attribute");
        }
        return v;
    }

    /** A JSON pointer (leading slashes optional) or an array of keys. */
    private static List<Value> path(Value path) {
        if (path instanceof ArrayValue a) {
            return a.asList();
        }
        if (!(path instanceof StringValue s)) {
            throw new Failure("path must be a string or an array of path segments");
        }
        if (s.value().isEmpty()) {
            return List.of();
        }
        int start = 0;
        while (start < s.value().length() && s.value().charAt(start) == '/') {
            start++;
        }
        List<Value> keys = new ArrayList<>();
        for (String part : s.value().substring(start).split("/", -1)) {
            keys.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
        }
        return keys;
    }

    private Node existingRoot() {
        if (root == null) {
            throw new Failure("path does not exist in deleted document");
        }
        return root;
    }

    private void insert(List<Value> path, Node node) {
        if (path.isEmpty()) {
            root = node;
        } else {
            existingRoot().insert(path, 0, node);
        }
    }

    private Node remove(List<Value> path) {
        if (path.isEmpty()) {
            Node removed = existingRoot();
            root = null;
            return removed;
        }
        return existingRoot().remove(path, 0);
    }

    /**
     * A value being edited. Composites are opened one level at a time, when an edit reaches into
     * them; untouched parts stay as the original values.
     */
    private static final class Node {
        private Value value;
        private TreeMap<Value, Node> fields;
        private List<Node> items;
        private TreeMap<Value, Node> members;

        Node(Value value) {
            this.value = value;
        }

        private void open() {
            if (value instanceof ObjectValue o) {
                fields = new TreeMap<>();
                for (int i = 0; i < o.size(); i++) {
                    fields.put(o.keyAt(i), new Node(o.valueAt(i)));
                }
            } else if (value instanceof ArrayValue a) {
                items = new ArrayList<>(a.size());
                for (Value item : a.asList()) {
                    items.add(new Node(item));
                }
            } else if (value instanceof SetValue s) {
                members = new TreeMap<>();
                for (Value member : s.asList()) {
                    members.put(member, new Node(member));
                }
            } else {
                throw new Failure("expected composite type, found value: " + value);
            }
            value = null;
        }

        Value render() {
            if (value != null) {
                return value;
            }
            if (fields != null) {
                ObjectValue.Builder out = ObjectValue.builder();
                fields.forEach((k, v) -> out.put(k, v.render()));
                return out.build();
            }
            if (items != null) {
                return ArrayValue.of(items.stream().map(Node::render).toList());
            }
            return SetValue.of(members.values().stream().map(Node::render).toList());
        }

        Node get(List<Value> path, int at) {
            if (at == path.size()) {
                return this;
            }
            if (value != null) {
                open();
            }
            Value head = path.get(at);
            Node child;
            if (fields != null) {
                child = present(fields.get(head), head, "object");
            } else if (items != null) {
                child = items.get(arrayIndex(items.size(), head, false));
            } else {
                child = present(members.get(head), head, "set");
            }
            return child.get(path, at + 1);
        }

        void insert(List<Value> path, int at, Node node) {
            if (value != null) {
                open();
            }
            Value head = path.get(at);
            boolean last = at == path.size() - 1;
            if (fields != null) {
                if (last) {
                    fields.put(head, node);
                } else {
                    present(fields.get(head), head, "object").insert(path, at + 1, node);
                }
            } else if (items != null) {
                int index = arrayIndex(items.size(), head, last);
                if (last) {
                    items.add(index, node);
                } else {
                    items.get(index).insert(path, at + 1, node);
                }
            } else if (last) {
                Value rendered = node.render();
                if (!head.equals(rendered)) {
                    throw new Failure("set key " + head + " does not equal value to be inserted " + rendered);
                }
                members.put(rendered, node);
            } else {
                Node member = present(members.remove(head), head, "set");
                member.insert(path, at + 1, node);
                rekey(member);
            }
        }

        Node remove(List<Value> path, int at) {
            if (value != null) {
                open();
            }
            Value head = path.get(at);
            boolean last = at == path.size() - 1;
            if (fields != null) {
                return last ? present(fields.remove(head), head, "object")
                        : present(fields.get(head), head, "object").remove(path, at + 1);
            }
            if (items != null) {
                int index = arrayIndex(items.size(), head, false);
                return last ? items.remove(index) : items.get(index).remove(path, at + 1);
            }
            Node member = present(members.remove(head), head, "set");
            if (last) {
                return member;
            }
            Node removed = member.remove(path, at + 1);
            rekey(member);
            return removed;
        }

        /** A set member edited in place is filed again under its new value. */
        private void rekey(Node member) {
            members.put(member.render(), member);
        }

        private static Node present(Node node, Value key, String kind) {
            if (node == null) {
                throw new Failure("path " + key + " does not exist in " + kind);
            }
            return node;
        }
    }

    /** A number or decimal string (no leading zeros, "-" past the end when appending) within bounds. */
    static int arrayIndex(int length, Value segment, boolean appendOk) {
        long raw;
        if (segment instanceof NumberValue n) {
            // Integral floats are rejected too, as far as the number keeps its float form.
            if (n.isFloat()) {
                throw new Failure("array index must be an integer");
            }
            Long l = n.toLong();
            if (l == null) {
                throw new Failure("array index is too large");
            }
            raw = l;
        } else if (segment instanceof StringValue s) {
            raw = stringIndex(s.value(), length, appendOk);
        } else {
            throw new Failure("invalid type for indexing");
        }
        if (raw < 0) {
            throw new Failure("negative index: " + raw);
        }
        if (appendOk ? raw > length : raw >= length) {
            throw new Failure("index " + raw + " out of bounds for length " + length);
        }
        return (int) raw;
    }

    private static long stringIndex(String s, int length, boolean appendOk) {
        if (s.equals("-")) {
            if (!appendOk) {
                throw new Failure("'-' index is not valid here");
            }
            return length;
        }
        if (!s.equals("0") && s.startsWith("0")) {
            throw new Failure("leading zeros are not allowed in JSON paths");
        }
        // An optional sign and digits, as Rust's integer parsing accepts them.
        if (!s.matches("[+-]?[0-9]+")) {
            throw new Failure("invalid string for indexing");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Failure("invalid string for indexing");
        }
    }
}
