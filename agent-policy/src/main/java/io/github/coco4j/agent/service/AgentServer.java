package io.github.coco4j.agent.service;

import io.github.coco4j.aa.grpc.GrpcUnixSockets;
import io.github.coco4j.agent.runc.RuncBackend;
import io.github.coco4j.policy.gate.PolicyGate;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.nio.file.Path;

/** The agent's gRPC endpoint: AgentService behind the policy gate, and Health, on a unix socket. */
public final class AgentServer {
    private AgentServer() {
    }

    public static GrpcUnixSockets.RunningServer serve(Path socket, PolicyGate gate, RuncBackend backend) throws IOException {
        ServerServiceDefinition agent = ServerInterceptors.intercept(new AgentService(backend, gate), new PolicyInterceptor(gate));
        return GrpcUnixSockets.serve(socket, () -> agent, new HealthService());
    }
}
