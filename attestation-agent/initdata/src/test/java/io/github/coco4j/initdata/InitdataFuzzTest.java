package io.github.coco4j.initdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Base64;

/**
 * The path a pod's annotation takes at boot: base64 → gunzip → TOML → digest. Any outcome but a
 * document or an {@link InitdataException} is a finding. Inputs are the gzip bytes (the fuzzer
 * mutates them better than their base64), or the TOML itself.
 */
class InitdataFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void annotationToDigest(byte[] gzip) {
        try {
            check(Initdata.parse(Annotation.decode(Base64.getEncoder().encodeToString(gzip))));
        } catch (InitdataException expected) {
            // refused with a message: the outcome wanted for hostile input
        }
    }

    @FuzzTest(maxDuration = "90s")
    void tomlToDigest(byte[] toml) {
        try {
            check(Initdata.parse(toml));
        } catch (InitdataException expected) {
            // refused with a message
        }
    }

    private static void check(Initdata initdata) {
        assertEquals(initdata.algorithm().length(), initdata.digest().length);
    }
}
