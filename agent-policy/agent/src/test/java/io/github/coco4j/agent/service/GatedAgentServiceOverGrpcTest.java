package io.github.coco4j.agent.service;

/** The gate's checks with the agent on gRPC: it decides and answers alike on both protocols. */
class GatedAgentServiceOverGrpcTest extends GatedAgentServiceTest {
    @Override
    String protocolPrefix() {
        return "grpc+";
    }
}
