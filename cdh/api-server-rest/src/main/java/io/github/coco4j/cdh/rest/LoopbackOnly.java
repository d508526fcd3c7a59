package io.github.coco4j.cdh.rest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Only processes of the pod itself may call: the answers carry secrets and evidence. A server bound
 * to a routable address by mistake must still refuse other peers.
 */
public final class LoopbackOnly {
    private LoopbackOnly() {
    }

    /** Whether {@code peer} is a loopback address; IPv4-mapped IPv6 forms count as their IPv4 address. */
    public static boolean allows(SocketAddress peer) {
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
    }
}
