package io.github.coco4j.cdh.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class LoopbackOnlyTest {
    private static InetSocketAddress peer(byte[] address) throws Exception {
        return new InetSocketAddress(InetAddress.getByAddress(address), 40000);
    }

    private static InetSocketAddress peer(int a, int b, int c, int d) throws Exception {
        return peer(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    @Test
    void loopbackPeersAreAllowed() throws Exception {
        assertTrue(LoopbackOnly.allows(peer(127, 0, 0, 1)));
        assertTrue(LoopbackOnly.allows(peer(127, 1, 2, 3)));
        assertTrue(LoopbackOnly.allows(peer(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})));
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        assertTrue(LoopbackOnly.allows(peer(mapped)));
    }

    @Test
    void otherPeersAreRefused() throws Exception {
        assertFalse(LoopbackOnly.allows(peer(10, 0, 0, 1)));
        assertFalse(LoopbackOnly.allows(peer(192, 0, 2, 2)));
        assertFalse(LoopbackOnly.allows(peer(0, 0, 0, 0)));
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        assertFalse(LoopbackOnly.allows(peer(mapped)));
        assertFalse(LoopbackOnly.allows(InetSocketAddress.createUnresolved("localhost", 1)));
        assertFalse(LoopbackOnly.allows(null));
    }
}
