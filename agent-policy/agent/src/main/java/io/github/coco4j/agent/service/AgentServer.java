package io.github.coco4j.agent.service;

import io.github.coco4j.agent.backend.ContainerBackend;
import io.github.coco4j.agent.backend.GuestBackend;
import io.github.coco4j.agent.image.ContainerImages;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;

/**
 * The agent's endpoint: AgentService behind the policy gate, and Health, on an address of
 * {@link Transports} (ttrpc unless {@code grpc+}); the gate decides alike on both protocols.
 */
public final class AgentServer {
    private AgentServer() {
    }

    public static Listener serve(String address, PolicyGate gate, ContainerBackend backend, GuestBackend guest,
                                 ContainerImages images) throws IOException {
        return Transports.serve(address, gated(gate, backend, guest, images), new HealthService().bindService());
    }

    private static ServerServiceDefinition gated(PolicyGate gate, ContainerBackend backend, GuestBackend guest,
                                                 ContainerImages images) {
        return ServerInterceptors.intercept(new AgentService(backend, guest, images, gate), new PolicyInterceptor(gate));
    }
}
