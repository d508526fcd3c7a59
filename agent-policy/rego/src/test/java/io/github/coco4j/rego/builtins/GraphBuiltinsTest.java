package io.github.coco4j.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.rego.Engine;
import org.junit.jupiter.api.Test;

class GraphBuiltinsTest {
    private static String eval(String query) {
        return new Engine().setStrictBuiltinErrors(true).evalQuery("x := " + query).get(0).bindings().get("x").toString();
    }

    @Test
    void walkVisitsEveryNodeRootFirstInKeyOrder() {
        assertEquals("[[],[\"a\"],[\"a\",0],[\"b\"]]", eval("[p | walk({\"b\": 2, \"a\": [1]}, [p, _])]"));
        assertEquals("[{\"a\":[1],\"b\":2},[1],1,2]", eval("[v | walk({\"b\": 2, \"a\": [1]}, [_, v])]"));
    }

    @Test
    void walkDestructuresPathsAndValues() {
        assertEquals("[[\"dev\",[\"bob\"]]]",
                eval("[[role, m] | walk({\"team\": {\"dev\": {\"members\": [\"bob\"]}}}, [[\"team\", role], {\"members\": m}])]"));
    }

    @Test
    void reachableFollowsArraysAndSetsAndSkipsNodesTheGraphDoesNotName() {
        assertEquals("[\"a\",\"b\",\"c\"]", eval("graph.reachable({\"a\": [\"b\"], \"b\": {\"c\", \"z\"}, \"c\": null}, {\"a\", \"y\"})"));
    }

    @Test
    void reachablePathsGiveEachBranchItsOwnVisitedNodes() {
        assertEquals("[[\"4\",\"2\",\"1\"],[\"4\",\"3\",\"2\",\"1\"]]",
                eval("graph.reachable_paths({\"1\": [], \"2\": [\"1\"], \"3\": [\"2\"], \"4\": [\"3\", \"2\"]}, [\"4\"])"));
        assertEquals("[[\"x\",\"x\"]]", eval("graph.reachable_paths({\"x\": [\"x\"]}, [\"x\"])"),
                "an initial node's own neighbours are followed, itself included");
    }
}
