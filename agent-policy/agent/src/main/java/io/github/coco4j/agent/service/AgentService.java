package io.github.coco4j.agent.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.github.coco4j.agent.backend.ContainerBackend;
import io.github.coco4j.proto.kata.Interfaces;
import io.github.coco4j.proto.kata.ListInterfacesRequest;
import io.github.coco4j.proto.kata.ListRoutesRequest;
import io.github.coco4j.proto.kata.PauseContainerRequest;
import io.github.coco4j.proto.kata.ResumeContainerRequest;
import io.github.coco4j.proto.kata.Routes;
import io.github.coco4j.policy.gate.Decision;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.proto.kata.AgentDetails;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.CloseStdinRequest;
import io.github.coco4j.proto.kata.CreateContainerRequest;
import io.github.coco4j.proto.kata.CreateSandboxRequest;
import io.github.coco4j.proto.kata.DestroySandboxRequest;
import io.github.coco4j.proto.kata.ExecProcessRequest;
import io.github.coco4j.proto.kata.GuestDetailsRequest;
import io.github.coco4j.proto.kata.GuestDetailsResponse;
import io.github.coco4j.proto.kata.ReadStreamRequest;
import io.github.coco4j.proto.kata.ReadStreamResponse;
import io.github.coco4j.proto.kata.RemoveContainerRequest;
import io.github.coco4j.proto.kata.SetPolicyRequest;
import io.github.coco4j.proto.kata.SignalProcessRequest;
import io.github.coco4j.proto.kata.StartContainerRequest;
import io.github.coco4j.proto.kata.WaitProcessRequest;
import io.github.coco4j.proto.kata.WaitProcessResponse;
import io.github.coco4j.proto.kata.WriteStreamRequest;
import io.github.coco4j.proto.kata.WriteStreamResponse;
import io.github.coco4j.wire.ServiceErrors;
import io.grpc.stub.StreamObserver;

/**
 * AgentService on a container backend. Requests arrive here only after the policy allowed them
 * ({@link PolicyInterceptor}); RPCs not overridden answer UNIMPLEMENTED.
 */
public final class AgentService extends AgentServiceGrpc.AgentServiceImplBase {
    static final String VERSION = "0.1.0";

    private final ContainerBackend backend;
    private final PolicyGate gate;

    public AgentService(ContainerBackend backend, PolicyGate gate) {
        this.backend = backend;
        this.gate = gate;
    }

    /** Runs an RPC's body; what it throws becomes the call's status. */
    private static <T> void answer(StreamObserver<T> response, ServiceErrors.Body<T> body) {
        ServiceErrors.answer(response, Statuses::of, body);
    }

    @Override
    public void createSandbox(CreateSandboxRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.createSandbox(request.getHostname(), request.getDnsList());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void destroySandbox(DestroySandboxRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.destroySandbox();
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void createContainer(CreateContainerRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.createContainer(request.getContainerId(), request.getExecId(), request.getOCI());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void startContainer(StartContainerRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.startContainer(request.getContainerId());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void removeContainer(RemoveContainerRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.removeContainer(request.getContainerId());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void execProcess(ExecProcessRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.exec(request.getContainerId(), request.getExecId(), request.getProcess());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void signalProcess(SignalProcessRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.signal(request.getContainerId(), request.getExecId(), request.getSignal());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void waitProcess(WaitProcessRequest request, StreamObserver<WaitProcessResponse> response) {
        answer(response, () -> WaitProcessResponse.newBuilder()
                .setStatus(backend.waitProcess(request.getContainerId(), request.getExecId())).build());
    }

    @Override
    public void writeStdin(WriteStreamRequest request, StreamObserver<WriteStreamResponse> response) {
        answer(response, () -> WriteStreamResponse.newBuilder()
                .setLen(backend.write(request.getContainerId(), request.getExecId(), request.getData().toByteArray())).build());
    }

    @Override
    public void readStdout(ReadStreamRequest request, StreamObserver<ReadStreamResponse> response) {
        read(request, false, response);
    }

    @Override
    public void readStderr(ReadStreamRequest request, StreamObserver<ReadStreamResponse> response) {
        read(request, true, response);
    }

    private void read(ReadStreamRequest request, boolean stderr, StreamObserver<ReadStreamResponse> response) {
        answer(response, () -> ReadStreamResponse.newBuilder().setData(ByteString.copyFrom(
                backend.read(request.getContainerId(), request.getExecId(), stderr, request.getLen()))).build());
    }

    @Override
    public void closeStdin(CloseStdinRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.closeStdin(request.getContainerId(), request.getExecId());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void pauseContainer(PauseContainerRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.pause(request.getContainerId(), true);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void resumeContainer(ResumeContainerRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            backend.pause(request.getContainerId(), false);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void listInterfaces(ListInterfacesRequest request, StreamObserver<Interfaces> response) {
        answer(response, () -> Interfaces.newBuilder().addAllInterfaces(backend.interfaces()).build());
    }

    @Override
    public void listRoutes(ListRoutesRequest request, StreamObserver<Routes> response) {
        answer(response, () -> Routes.newBuilder().addAllRoutes(backend.routes()).build());
    }

    @Override
    public void getGuestDetails(GuestDetailsRequest request, StreamObserver<GuestDetailsResponse> response) {
        answer(response, () -> GuestDetailsResponse.newBuilder()
                .setAgentDetails(AgentDetails.newBuilder().setVersion(VERSION).setInitDaemon(false)).build());
    }

    /** Checked against the current policy, then the new policy replaces it (with a fresh state). */
    @Override
    public void setPolicy(SetPolicyRequest request, StreamObserver<Empty> response) {
        Decision decision = gate.setPolicy(request.getPolicy());
        if (!decision.allowed()) {
            response.onError(Statuses.of(decision).asRuntimeException());
            return;
        }
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
    }
}
