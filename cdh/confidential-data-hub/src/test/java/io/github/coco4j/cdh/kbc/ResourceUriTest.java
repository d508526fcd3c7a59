package io.github.coco4j.cdh.kbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceUriTest {
    @ParameterizedTest
    @ValueSource(strings = {"kbs:///default/kbsres1/key1", "kbs://kbs.example:8080/default/kbsres1/key1",
        "kbs://1.2.3.4/default/kbsres1/key1"})
    void acceptsTheGrammar(String uri) {
        ResourceUri parsed = ResourceUri.parse(uri);
        assertEquals("default/kbsres1/key1", parsed.path());
        assertEquals("kbs:///default/kbsres1/key1", parsed.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///default/a/b", "kbs:///default/a", "kbs:///default/a/b/c", "kbs:///../a/b",
        "kbs:///default/../b", "kbs:///default/a/..", "kbs:///default//b", "kbs:///default/a/b%2f", "kbs:///default/a/.",
        "kbs://host/with space/a/b", "kbs:///a/b/c?x=1", "kbs:default/a/b"})
    void rejectsAnythingElse(String uri) {
        assertThrows(IllegalArgumentException.class, () -> ResourceUri.parse(uri));
    }
}
