package io.github.coco4j.cdh.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcePathTest {
    @Test
    void threeSegmentsMakeAKbsUriWithoutAddress() {
        ResourcePath path = ResourcePath.parse("/cdh/resource/default/key/1");
        assertEquals(new ResourcePath("default", "key", "1"), path);
        assertEquals("kbs:///default/key/1", path.kbsUri());
    }

    @Test
    void namesTheDataHubAcceptsPassAsSent() {
        assertEquals("kbs:///my-repo/cosign_key/v1.2", ResourcePath.parse("/cdh/resource/my-repo/cosign_key/v1.2").kbsUri());
    }

    @Test
    void escapedNameCharactersAreDecoded() {
        assertEquals("kbs:///default/kbsres1/key1", ResourcePath.parse("/cdh/resource/default/kbsres1/key%31").kbsUri());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/cdh/resource", "/cdh/resource/", "/cdh/resource/a/b", "/cdh/resource/a/b/c/d", "/cdh/resource/a/b/c/",
        "/cdh/resource//b/c", "/cdh/resource/a//c", "/cdh/resource/../b/c", "/cdh/resource/a/./c",
        "/cdh/resource/a/b/..", "/cdh/resource/a:b/c/d", "/cdh/resource/a;x/b/c", "/cdh/resource/a b/c/d",
        "/cdh/resource/a/b/c#x", "/cdh/resource/é/b/c", "/cdh/resources/a/b/c",
        // what the data hub would refuse as a resource name, escaped or not
        "/cdh/resource/a/b/x%20y", "/cdh/resource/a/b/v~1", "/cdh/resource/a/b/%7e", "/cdh/resource/.a/b/c",
        "/cdh/resource/-a/b/c", "/cdh/resource/a/b/%C3%A9"})
    void anythingButThreePlainSegmentsIsRefused(String path) {
        assertThrows(IllegalArgumentException.class, () -> ResourcePath.parse(path));
    }
}
