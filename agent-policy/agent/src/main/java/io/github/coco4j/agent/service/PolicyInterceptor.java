package io.github.coco4j.agent.service;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.github.coco4j.policy.gate.Decision;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.ReadStreamResponse;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.util.Set;

/**
 * Puts the policy gate in front of every AgentService call: the request reaches the service only
 * when the policy allows it. A denied ReadStdout/ReadStderr succeeds with no data, as in Kata;
 * SetPolicy is checked by the service itself, which also swaps the policy.
 */
public final class PolicyInterceptor implements ServerInterceptor {
    private static final Set<String> READ_STREAMS = Set.of("ReadStdout", "ReadStderr");

    private final PolicyGate gate;

    public PolicyInterceptor(PolicyGate gate) {
        this.gate = gate;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        String method = call.getMethodDescriptor().getBareMethodName();
        ServerCall.Listener<Q> delegate = next.startCall(call, headers);
        if (!AgentServiceGrpc.SERVICE_NAME.equals(service) || "SetPolicy".equals(method)) {
            return delegate;
        }
        Descriptor type = requestType(call.getMethodDescriptor());
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                Decision decision = gate.check(type, (Message) message);
                if (decision.allowed()) {
                    super.onMessage(message);
                    return;
                }
                refused = true;
                if (decision.outcome() == Decision.Outcome.DENY && READ_STREAMS.contains(method)) {
                    respondEmpty(call);
                } else {
                    call.close(Statuses.of(decision), new Metadata());
                }
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    /** The request's type as the generated service declares it, without reflection on the message. */
    private static Descriptor requestType(MethodDescriptor<?, ?> method) {
        return ((ProtoMethodDescriptorSupplier) method.getSchemaDescriptor()).getMethodDescriptor().getInputType();
    }

    @SuppressWarnings("unchecked")
    private static <R> void respondEmpty(ServerCall<?, R> call) {
        call.sendHeaders(new Metadata());
        call.sendMessage((R) ReadStreamResponse.getDefaultInstance());
        call.close(Status.OK, new Metadata());
    }
}
