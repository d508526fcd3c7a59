package io.github.coco4j.wire;

import io.github.coco4j.ttrpc.client.TtrpcChannel;
import io.github.coco4j.ttrpc.server.CallExecutors;
import io.github.coco4j.ttrpc.server.TtrpcServer;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;

/**
 * Serving and calling on an {@link Endpoint}: the one place that knows which protocol runs on a
 * socket, so every service implementation (and every interceptor in front of it) is served, and
 * every stub called, the same way on ttrpc and on gRPC.
 */
public final class Transports {
    private Transports() {
    }

    /**
     * Serves {@code services} on {@code address}. A unix socket file replaces a stale one and is
     * made accessible to its owner only: callers of these services get secrets from them.
     */
    public static Listener serve(String address, ServerServiceDefinition... services) throws IOException {
        return serve(address, CallExecutors.UNBOUNDED, services);
    }

    /** As {@link #serve(String, ServerServiceDefinition...)}, running at most {@code callThreads} calls at once. */
    public static Listener serve(String address, int callThreads, ServerServiceDefinition... services) throws IOException {
        Endpoint endpoint = Endpoint.parse(address);
        return endpoint.protocol() == Endpoint.Protocol.GRPC
                ? GrpcTransport.serve(endpoint, callThreads, services)
                : ttrpcServer(endpoint, callThreads, services);
    }

    /** A channel to {@code address}; nothing connects before the first call. */
    public static Connection connect(String address) {
        Endpoint endpoint = Endpoint.parse(address);
        return endpoint.protocol() == Endpoint.Protocol.GRPC
                ? GrpcTransport.connect(endpoint)
                : ttrpcChannel(endpoint);
    }

    private static Listener ttrpcServer(Endpoint endpoint, int callThreads, ServerServiceDefinition... services)
            throws IOException {
        TtrpcServer.Builder builder = TtrpcServer.builder(endpoint.address().toString()).callThreads(callThreads);
        for (ServerServiceDefinition service : services) {
            builder.addService(service);
        }
        TtrpcServer server = builder.start();
        Endpoint bound = new Endpoint(Endpoint.Protocol.TTRPC, server.localAddress());
        return new Listener() {
            @Override
            public Endpoint endpoint() {
                return bound;
            }

            @Override
            public void awaitTermination() throws InterruptedException {
                server.awaitTermination();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    private static Connection ttrpcChannel(Endpoint endpoint) {
        // The channel stops its own event loop as it ends: nothing more to release.
        return Connection.of(TtrpcChannel.connect(endpoint.address()), () -> { });
    }
}
