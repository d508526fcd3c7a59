package io.github.coco4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GrpcUnixSocketsTest {
    @Test
    void upstreamAddressForms() {
        assertEquals(Path.of("/run/aa.sock"), GrpcUnixSockets.path("unix:///run/aa.sock"));
        assertEquals(Path.of("rel/aa.sock"), GrpcUnixSockets.path("unix:rel/aa.sock"));
        assertEquals(Path.of("/run/aa.sock"), GrpcUnixSockets.path("/run/aa.sock"));
    }

    @Test
    void otherSchemesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GrpcUnixSockets.path("tcp://127.0.0.1:50002"));
        assertThrows(IllegalArgumentException.class, () -> GrpcUnixSockets.path("unix://"));
    }

    @Test
    void tcpAddressesAreHostAndPort() {
        assertEquals("127.0.0.1:15150", GrpcUnixSockets.tcpAddress("tcp:127.0.0.1:15150").map(a -> a.getHostString() + ":" + a.getPort()).orElseThrow());
        assertEquals(java.util.Optional.empty(), GrpcUnixSockets.tcpAddress("unix:///run/agent.sock"));
        for (String bad : new String[] {"tcp:15150", "tcp::15150", "tcp:host:port", "tcp:host:70000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GrpcUnixSockets.tcpAddress(bad));
            assertEquals("'" + bad + "' is not tcp:HOST:PORT", e.getMessage());
        }
    }
}
