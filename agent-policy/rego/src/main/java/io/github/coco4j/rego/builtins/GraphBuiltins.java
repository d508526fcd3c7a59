package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code walk(x, [path, value])}: every node of {@code x} with its path, the root first, then
 * each child in key order. The body returns all the {@code [path, value]} pairs; the evaluator
 * unifies the output argument with each of them in turn (walk is a relation).
 *
 * <p>{@code graph.reachable(graph, initial)} and {@code graph.reachable_paths(graph, initial)}
 * follow OPA: a graph is an object from each node to the array or set of its neighbours; a node
 * the graph does not name is neither reached nor part of a path; a path ends at a node without
 * neighbours, before a node the graph does not name, or where it would close a cycle. Operands
 * of the wrong type are OPA's type errors, which its cases check.
 */
public final class GraphBuiltins implements BuiltinFamily {
    public static final String WALK = "walk";

    @Override
    public void register(Builtins t) {
        t.add(WALK, 1, (c, a) -> {
            List<Value> pairs = new ArrayList<>();
            walk(a[0], new ArrayList<>(), pairs);
            return ArrayValue.of(pairs);
        });
        t.add("graph.reachable", 2, (c, a) -> reachable(graph("graph.reachable", a[0]), nodes("graph.reachable", a[1])));
        t.add("graph.reachable_paths", 2, (c, a) -> reachablePaths(graph("graph.reachable_paths", a[0]),
                nodes("graph.reachable_paths", a[1])));
    }

    private static ObjectValue graph(String fn, Value v) {
        if (v instanceof ObjectValue o) {
            return o;
        }
        throw BuiltinException.typeError(fn + ": operand 1 must be object but got " + v.typeName());
    }

    private static List<Value> nodes(String fn, Value v) {
        if (v instanceof ArrayValue || v instanceof SetValue) {
            return neighbours(v);
        }
        throw BuiltinException.typeError(fn + ": operand 2 must be one of {array, set} but got " + v.typeName());
    }

    /** The members of an array or a set; anything else (null, say) has no neighbours. */
    private static List<Value> neighbours(Value edges) {
        if (edges instanceof ArrayValue a) {
            return a.asList();
        }
        return edges instanceof SetValue s ? s.asList() : List.of();
    }

    private static Value reachable(ObjectValue graph, List<Value> initial) {
        Set<Value> reached = new HashSet<>();
        Deque<Value> queue = new ArrayDeque<>(initial);
        while (!queue.isEmpty()) {
            Value node = queue.poll();
            Value edges = graph.get(node);
            if (edges != null && reached.add(node)) {
                queue.addAll(neighbours(edges));
            }
        }
        return SetValue.of(reached);
    }

    /**
     * From each initial node the graph names, a path through each neighbour; as in OPA, an
     * initial node's own neighbours are followed even where one is the node itself.
     */
    private static Value reachablePaths(ObjectValue graph, List<Value> initial) {
        Set<Value> paths = new HashSet<>();
        for (Value node : initial) {
            Value edges = graph.get(node);
            if (edges == null) {
                continue;
            }
            List<Value> next = neighbours(edges);
            if (next.isEmpty()) {
                paths.add(ArrayValue.of(node));
            }
            for (Value neighbour : next) {
                extend(graph, neighbour, List.of(node), paths);
            }
        }
        return SetValue.of(paths);
    }

    /** Every path from {@code node} on, each after the {@code path} that led to it. */
    private static void extend(ObjectValue graph, Value node, List<Value> path, Set<Value> paths) {
        Value edges = graph.get(node);
        if (edges == null) {
            paths.add(ArrayValue.of(path));
            return;
        }
        List<Value> here = new ArrayList<>(path);
        here.add(node);
        List<Value> next = neighbours(edges);
        if (next.isEmpty()) {
            paths.add(ArrayValue.of(here));
        }
        for (Value neighbour : next) {
            if (here.contains(neighbour)) {
                paths.add(ArrayValue.of(here));
            } else {
                extend(graph, neighbour, here, paths);
            }
        }
    }

    private static void walk(Value node, List<Value> path, List<Value> out) {
        out.add(ArrayValue.of(ArrayValue.of(path), node));
        if (node instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                child(o.keyAt(i), o.valueAt(i), path, out);
            }
        } else if (node instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                child(NumberValue.of(i), a.get(i), path, out);
            }
        } else if (node instanceof SetValue s) {
            for (Value e : s.asList()) {
                child(e, e, path, out);
            }
        }
    }

    private static void child(Value key, Value value, List<Value> path, List<Value> out) {
        path.add(key);
        walk(value, path, out);
        path.remove(path.size() - 1);
    }
}
