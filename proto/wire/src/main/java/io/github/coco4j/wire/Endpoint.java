package io.github.coco4j.wire;

import io.github.coco4j.ttrpc.TtrpcAddress;

/**
 * A socket address and the protocol spoken on it. ttrpc is the default, as upstream speaks it on
 * every in-guest socket; {@code grpc+} before an address asks for gRPC instead
 * ({@code grpc+unix:///run/agent.sock}, {@code grpc+tcp:0.0.0.0:15150}), and {@code ttrpc+} says
 * the default explicitly. The address itself is a unix socket ({@code unix:///abs/path},
 * {@code unix:path}, a bare path) or {@code tcp:HOST:PORT}.
 */
public record Endpoint(Protocol protocol, TtrpcAddress address) {
    public enum Protocol {
        TTRPC("ttrpc+"), GRPC("grpc+");

        private final String prefix;

        Protocol(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Parses an address; a malformed one is an IllegalArgumentException naming it. */
    public static Endpoint parse(String text) {
        for (Protocol protocol : Protocol.values()) {
            if (text.startsWith(protocol.prefix)) {
                return new Endpoint(protocol, TtrpcAddress.parse(text.substring(protocol.prefix.length())));
            }
        }
        return new Endpoint(Protocol.TTRPC, TtrpcAddress.parse(text));
    }

    /** The form {@link #parse} reads back: gRPC addresses keep their prefix. */
    @Override
    public String toString() {
        return (protocol == Protocol.GRPC ? Protocol.GRPC.prefix : "") + address;
    }
}
