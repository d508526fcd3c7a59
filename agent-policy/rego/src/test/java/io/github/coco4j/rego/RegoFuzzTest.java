package io.github.coco4j.rego;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Policy text through the lexer, the parser (v1 and v0) and the compiler: a compiled policy or a
 * {@link RegoException}; any other exception or error is a finding.
 */
class RegoFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void parseAndCompile(byte[] text) {
        String policy = new String(text, StandardCharsets.UTF_8);
        compile(policy, true);
        compile(policy, false);
    }

    private static void compile(String policy, boolean regoV1) {
        try {
            new Engine().addPolicy("fuzz.rego", policy, regoV1).compile();
        } catch (RegoException expected) {
            // refused with a located message
        }
    }
}
