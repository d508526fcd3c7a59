package io.github.coco4j.ttrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TtrpcAddressTest {
    @Test
    void unixForms() {
        assertEquals(Path.of("/run/agent.sock"), TtrpcAddress.parse("unix:///run/agent.sock").path().orElseThrow());
        assertEquals(Path.of("/run/agent.sock"), TtrpcAddress.parse("unix:/run/agent.sock").path().orElseThrow());
        assertEquals(Path.of("rel/agent.sock"), TtrpcAddress.parse("unix:rel/agent.sock").path().orElseThrow());
        assertEquals(Path.of("/run/agent.sock"), TtrpcAddress.parse("/run/agent.sock").path().orElseThrow());
        assertEquals(Path.of("./a:b.sock"), TtrpcAddress.parse("./a:b.sock").path().orElseThrow());
        assertEquals("unix:///run/agent.sock", TtrpcAddress.parse("/run/agent.sock").toString());
    }

    @Test
    void tcpForms() {
        TtrpcAddress address = TtrpcAddress.parse("tcp:127.0.0.1:1024");
        assertFalse(address.isUnix());
        assertEquals("tcp:127.0.0.1:1024", address.toString());
        assertEquals(address, TtrpcAddress.parse("tcp://127.0.0.1:1024"));
        assertEquals("tcp:[::1]:0", TtrpcAddress.parse("tcp:[::1]:0").toString());
        assertTrue(TtrpcAddress.parse("unix:x").isUnix());
    }

    @Test
    void malformedAddressesAreNamedInOneLine() {
        String[][] cases = {
            {"tcp:1024", "'tcp:1024' is not tcp:HOST:PORT"},
            {"tcp::1024", "'tcp::1024' is not tcp:HOST:PORT"},
            {"tcp:host:port", "'tcp:host:port' is not tcp:HOST:PORT"},
            {"tcp:host:70000", "'tcp:host:70000' is not tcp:HOST:PORT"},
            {"unix://run/agent.sock", "'unix://run/agent.sock' is not unix:///ABSOLUTE/PATH"},
            {"unix:", "'unix:' names no socket path"},
            {"vsock://3:1024", "'vsock://3:1024' is neither unix:PATH nor tcp:HOST:PORT"},
            {"", "empty ttrpc address"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], assertThrows(IllegalArgumentException.class, () -> TtrpcAddress.parse(c[0])).getMessage());
        }
    }

    @Test
    void longStatusMessagesAreTruncatedWithAMarker() {
        String huge = "é".repeat(100_000);
        String sent = TtrpcStatus.toProto(io.grpc.Status.INTERNAL.withDescription(huge)).getMessage();
        assertTrue(sent.endsWith(" [truncated 200000 bytes]"), sent.substring(sent.length() - 40));
        assertTrue(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= TtrpcStatus.MAX_MESSAGE_BYTES);
        assertFalse(sent.contains("\uFFFD"));
    }
}
