package io.github.coco4j.cdh.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A request target as a pod's workload may send it: refused with IllegalArgumentException, or a
 * path whose resource segments cannot leave their repository.
 */
class RequestTargetFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void parse(byte[] bytes) {
        String uri = new String(bytes, StandardCharsets.ISO_8859_1);
        try {
            RequestTarget target = RequestTarget.parse(uri);
            target.parameter("runtime_data");
            if (target.rawPath().startsWith(ResourcePath.PREFIX)) {
                ResourcePath path = ResourcePath.parse(target.rawPath());
                for (String segment : new String[] {path.repo(), path.type(), path.tag()}) {
                    assertFalse(segment.isEmpty() || segment.contains("/") || segment.startsWith("."), segment);
                }
                assertTrue(path.kbsUri().startsWith("kbs:///"), path.kbsUri());
            }
        } catch (IllegalArgumentException expected) {
            // refused with the reason
        }
    }
}
