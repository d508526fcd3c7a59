package io.github.coco4j.provision;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** User-data as a cloud could hand it over: a cloud-config document or a refusal, nothing else. */
class CloudConfigFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void parse(byte[] userData) {
        try {
            for (CloudConfig.WriteFile file : CloudConfig.parse(userData).writeFiles()) {
                assertNotNull(file.path());
                assertNotNull(file.content());
            }
        } catch (ProvisionException expected) {
            // refused with a message
        }
    }
}
