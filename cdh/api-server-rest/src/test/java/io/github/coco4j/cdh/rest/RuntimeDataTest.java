package io.github.coco4j.cdh.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RuntimeDataTest {
    @Test
    void withoutEncodingTheTextIsTheData() {
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), RuntimeData.decode("hello", null));
    }

    @Test
    void base64IsUrlSafeWithoutPadding() {
        assertArrayEquals("report".getBytes(StandardCharsets.UTF_8), RuntimeData.decode("cmVwb3J0", "base64"));
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, RuntimeData.decode("-_8", "base64"));
    }

    @Test
    void otherEncodingsPaddingAndStandardAlphabetAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RuntimeData.decode("data", "hex"));
        assertThrows(IllegalArgumentException.class, () -> RuntimeData.decode("!!!", "base64"));
        assertThrows(IllegalArgumentException.class, () -> RuntimeData.decode("eHg=", "base64"));
        assertThrows(IllegalArgumentException.class, () -> RuntimeData.decode("+/8", "base64"));
    }
}
