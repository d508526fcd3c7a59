package io.github.coco4j.agent.service;

import io.github.coco4j.agent.backend.ContainerBackend;
import io.github.coco4j.agent.backend.GuestBackend;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.wire.GrpcUnixSockets;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** The agent's gRPC endpoint: AgentService behind the policy gate, and Health, on a unix socket. */
public final class AgentServer {
    private AgentServer() {
    }

    public static GrpcUnixSockets.RunningServer serve(Path socket, PolicyGate gate, ContainerBackend backend, GuestBackend guest) throws IOException {
        ServerServiceDefinition agent = gated(gate, backend, guest);
        return GrpcUnixSockets.serve(socket, () -> agent, new HealthService());
    }

    /** The same on TCP, for hosts that reach the agent over the network rather than a socket file. */
    public static Server serveTcp(String host, int port, PolicyGate gate, ContainerBackend backend, GuestBackend guest) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(gated(gate, backend, guest)).addService(new HealthService()).build().start();
    }

    private static ServerServiceDefinition gated(PolicyGate gate, ContainerBackend backend, GuestBackend guest) {
        return ServerInterceptors.intercept(new AgentService(backend, guest, gate), new PolicyInterceptor(gate));
    }
}
