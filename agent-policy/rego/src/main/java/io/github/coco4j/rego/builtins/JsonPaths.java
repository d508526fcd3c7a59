package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * json.filter and json.remove. The paths merge into a tree keyed by path component; where a path
 * ends, the node maps the key null to the marker null (the reference engine's encoding, whose
 * quirks follow from it: a node that holds the marker and more keys filters by the keys only).
 */
final class JsonPaths {
    private static final Value MARK = NullValue.NULL;
    private static final Pattern JSON_NUMBER = Pattern.compile("[ \\t\\n\\r]*(-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?)[ \\t\\n\\r]*");

    private JsonPaths() {
    }

    /** A node: path components to child nodes, and possibly {@code MARK -> MARK}. */
    private static final class Node {
        final TreeMap<Value, Object> children = new TreeMap<>();
    }

    static Value filter(Value[] a) {
        Node paths = paths("json.filter", a);
        return paths.children.isEmpty() ? ObjectValue.EMPTY : filter(a[0], paths);
    }

    static Value remove(Value[] a) {
        return remove(a[0], paths("json.remove", a));
    }

    private static Node paths(String fn, Value[] a) {
        Args.object(fn, a[0]);
        List<Value> paths = a[1] instanceof ArrayValue arr ? arr.asList() : a[1] instanceof SetValue s ? s.asList() : null;
        if (paths == null) {
            throw new BuiltinException("`" + fn + "` requires set/array argument");
        }
        Node root = new Node();
        for (Value path : paths) {
            if (path instanceof StringValue s) {
                Node at = root;
                for (String part : s.value().split("/", -1)) {
                    at = (Node) at.children.computeIfAbsent(StringValue.of(part), k -> new Node());
                }
                at.children.put(MARK, MARK);
            } else if (path instanceof ArrayValue components) {
                Object at = root;
                for (Value component : components.asList()) {
                    if (!(at instanceof Node n)) {
                        break;
                    }
                    at = n.children.computeIfAbsent(component, k -> new Node());
                }
                if (at instanceof Node n) {
                    n.children.put(MARK, MARK);
                }
            } else {
                throw new BuiltinException("`" + fn + "` requires path to be '/' separated string or array of path components.");
            }
        }
        return root;
    }

    private static boolean marked(Node n) {
        return MARK.equals(n.children.get(MARK));
    }

    /** Keeps what the paths reach; null (undefined) when nothing is there. Array items keep the paths' key order. */
    private static Value filter(Value v, Object filter) {
        if (!(filter instanceof Node n) || n.children.isEmpty() || (n.children.size() == 1 && marked(n))) {
            return v;
        }
        if (v instanceof ArrayValue) {
            List<Value> out = new ArrayList<>();
            for (Map.Entry<Value, Object> e : n.children.entrySet()) {
                Value index = e.getKey() instanceof StringValue s ? jsonNumber(s.value()) : null;
                if (index != null) {
                    add(out, filter(member(v, index), e.getValue()));
                }
            }
            return ArrayValue.of(out);
        }
        if (v instanceof SetValue set) {
            List<Value> out = new ArrayList<>();
            for (Map.Entry<Value, Object> e : n.children.entrySet()) {
                if (set.contains(e.getKey())) {
                    add(out, filter(e.getKey(), e.getValue()));
                }
            }
            return SetValue.of(out);
        }
        if (v instanceof ObjectValue o) {
            ObjectValue.Builder out = ObjectValue.builder();
            for (Map.Entry<Value, Object> e : n.children.entrySet()) {
                Value kept = filter(o.get(e.getKey()), e.getValue());
                if (kept != null) {
                    out.put(e.getKey(), kept);
                }
            }
            return out.build();
        }
        return null;
    }

    /** Drops what the paths reach; a path running into a scalar drops the scalar. */
    private static Value remove(Value v, Object filter) {
        if (!(filter instanceof Node n) || n.children.isEmpty()) {
            return v;
        }
        if (marked(n)) {
            return null;
        }
        if (v instanceof ArrayValue a) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                Object f = n.children.get(StringValue.of(Integer.toString(i)));
                add(out, f == null ? a.get(i) : remove(a.get(i), f));
            }
            return ArrayValue.of(out);
        }
        if (v instanceof SetValue s) {
            List<Value> out = new ArrayList<>();
            for (Value item : s.asList()) {
                Object f = n.children.get(item);
                add(out, f == null ? item : remove(item, f));
            }
            return SetValue.of(out);
        }
        if (v instanceof ObjectValue o) {
            ObjectValue.Builder out = ObjectValue.builder();
            for (int i = 0; i < o.size(); i++) {
                Object f = n.children.get(o.keyAt(i));
                Value kept = f == null ? o.valueAt(i) : remove(o.valueAt(i), f);
                if (kept != null) {
                    out.put(o.keyAt(i), kept);
                }
            }
            return out.build();
        }
        return null;
    }

    private static void add(List<Value> out, Value v) {
        if (v != null) {
            out.add(v);
        }
    }

    /** Array indices in paths are strings read as JSON; only numbers can index an array. */
    private static Value jsonNumber(String text) {
        Matcher m = JSON_NUMBER.matcher(text);
        return m.matches() ? NumberValue.parse(m.group(1)) : null;
    }

    /** {@code container[key]} as Rego indexes values: null when there is nothing there. */
    static Value member(Value container, Value key) {
        if (container instanceof ObjectValue o) {
            return o.get(key);
        }
        if (container instanceof SetValue s) {
            return s.contains(key) ? key : null;
        }
        if (container instanceof ArrayValue a && key instanceof NumberValue n && n.isInteger() && n.signum() >= 0) {
            Long i = n.toLong();
            return i != null && i < a.size() ? a.get(i.intValue()) : null;
        }
        return null;
    }
}
