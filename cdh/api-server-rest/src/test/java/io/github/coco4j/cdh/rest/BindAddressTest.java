package io.github.coco4j.cdh.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindAddressTest {
    @Test
    void ipLiteralsAndPorts() {
        InetSocketAddress v4 = BindAddress.parse("127.0.0.1:8006");
        assertEquals("127.0.0.1:8006", BindAddress.format(v4));
        assertEquals("[0:0:0:0:0:0:0:1]:0", BindAddress.format(BindAddress.parse("[::1]:0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8006", "127.0.0.1", "127.0.0.1:", "127.0.0.1:70000", "256.0.0.1:80",
        "::1:8006", "[::1]", "[zz]:80", ":8006"})
    void refusesEverythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> BindAddress.parse(text));
    }
}
