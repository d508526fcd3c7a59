package io.github.coco4j.aa.grpc;

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
}
