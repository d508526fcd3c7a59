package io.github.coco4j.agent.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.agent.backend.ContainerBackend;
import io.github.coco4j.agent.backend.GuestBackend;
import io.github.coco4j.agent.image.ContainerImages;
import io.github.coco4j.proto.kata.AddARPNeighborsRequest;
import io.github.coco4j.proto.kata.CopyFileRequest;
import io.github.coco4j.proto.kata.GetMetricsRequest;
import io.github.coco4j.proto.kata.GetOOMEventRequest;
import io.github.coco4j.proto.kata.Metrics;
import io.github.coco4j.proto.kata.OOMEvent;
import io.github.coco4j.proto.kata.OnlineCPUMemRequest;
import io.github.coco4j.proto.kata.ReseedRandomDevRequest;
import io.github.coco4j.proto.kata.SetGuestDateTimeRequest;
import io.github.coco4j.proto.kata.StatsContainerRequest;
import io.github.coco4j.proto.kata.StatsContainerResponse;
import io.github.coco4j.proto.kata.TtyWinResizeRequest;
import io.github.coco4j.proto.kata.UpdateEphemeralMountsRequest;
import io.github.coco4j.proto.kata.UpdateInterfaceRequest;
import io.github.coco4j.proto.kata.UpdateRoutesRequest;
import io.github.coco4j.proto.kata.VolumeStatsRequest;
import io.github.coco4j.proto.kata.VolumeStatsResponse;
import io.github.coco4j.proto.types.Interface;
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
import io.grpc.Context;
import io.grpc.stub.StreamObserver;

/**
 * AgentService on a container backend and a guest backend. Requests arrive here only after the
 * policy allowed them ({@link PolicyInterceptor}); RPCs not overridden answer UNIMPLEMENTED, as the
 * Kata agent does for what it does not support.
 */
public final class AgentService extends AgentServiceGrpc.AgentServiceImplBase {
    static final String VERSION = "0.1.0";

    private final ContainerBackend backend;
    private final GuestBackend guest;
    private final ContainerImages images;
    private final PolicyGate gate;
    private final AgentMetrics metrics;

    public AgentService(ContainerBackend backend, GuestBackend guest, ContainerImages images, PolicyGate gate) {
        this.backend = backend;
        this.guest = guest;
        this.images = images;
        this.gate = gate;
        this.metrics = new AgentMetrics();
    }

    /** The body of an RPC answering Empty. */
    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static void answerEmpty(StreamObserver<Empty> response, Action action) {
        answer(response, () -> {
            action.run();
            return Empty.getDefaultInstance();
        });
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
            images.removeAll();
            return Empty.getDefaultInstance();
        });
    }

    /** A container whose image the guest pulls runs on the pulled rootfs (see {@link ContainerImages}). */
    @Override
    public void createContainer(CreateContainerRequest request, StreamObserver<Empty> response) {
        answerEmpty(response, () -> images.create(request.getContainerId(), request.getOCI(), request.getStoragesList(),
                spec -> backend.createContainer(request.getContainerId(), request.getExecId(), spec)));
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
        answerEmpty(response, () -> {
            backend.removeContainer(request.getContainerId());
            images.remove(request.getContainerId());
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
    public void statsContainer(StatsContainerRequest request, StreamObserver<StatsContainerResponse> response) {
        answer(response, () -> StatsContainerResponse.newBuilder().setCgroupStats(backend.stats(request.getContainerId())).build());
    }

    /**
     * A long poll: answers when a container hits OOM (or with an error when the agent stops). A
     * caller that gives up (cancel, deadline) stops its wait, so it neither keeps a poller's place
     * nor takes an event nobody will read.
     */
    @Override
    public void getOOMEvent(GetOOMEventRequest request, StreamObserver<OOMEvent> response) {
        Thread poller = Thread.currentThread();
        Context.CancellationListener stop = context -> poller.interrupt();
        Context.current().addListener(stop, Runnable::run);
        try {
            answer(response, () -> OOMEvent.newBuilder().setContainerId(backend.awaitOomEvent()).build());
        } finally {
            Context.current().removeListener(stop);
            // A cancellation that came after the answer must not interrupt the server's next call on this thread.
            Thread.interrupted();
        }
    }

    @Override
    public void ttyWinResize(TtyWinResizeRequest request, StreamObserver<Empty> response) {
        answerEmpty(response, () -> backend.resizeTerminal(request.getContainerId(), request.getExecId(),
                request.getRow(), request.getColumn()));
    }

    @Override
    public void listInterfaces(ListInterfacesRequest request, StreamObserver<Interfaces> response) {
        answer(response, () -> Interfaces.newBuilder().addAllInterfaces(guest.interfaces()).build());
    }

    @Override
    public void listRoutes(ListRoutesRequest request, StreamObserver<Routes> response) {
        answer(response, () -> Routes.newBuilder().addAllRoutes(guest.routes()).build());
    }

    @Override
    public void updateInterface(UpdateInterfaceRequest request, StreamObserver<Interface> response) {
        answer(response, () -> guest.updateInterface(required(request, request.hasInterface(), "empty update interface request")
                .getInterface()));
    }

    @Override
    public void updateRoutes(UpdateRoutesRequest request, StreamObserver<Routes> response) {
        answer(response, () -> Routes.newBuilder().addAllRoutes(guest.updateRoutes(
                required(request, request.hasRoutes(), "empty update routes request").getRoutes().getRoutesList())).build());
    }

    @Override
    public void addARPNeighbors(AddARPNeighborsRequest request, StreamObserver<Empty> response) {
        answerEmpty(response, () -> guest.addArpNeighbors(required(request, request.hasNeighbors(), "empty add arp neighbours request")
                .getNeighbors().getARPNeighborsList()));
    }

    /** Kata's texts for a request without its one field. */
    private static <T> T required(T request, boolean present, String message) {
        if (!present) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, message);
        }
        return request;
    }

    @Override
    public void onlineCPUMem(OnlineCPUMemRequest request, StreamObserver<Empty> response) {
        answerEmpty(response, () -> guest.onlineCpuMemory(request.getNbCpus(), request.getCpuOnly()));
    }

    @Override
    public void setGuestDateTime(SetGuestDateTimeRequest request, StreamObserver<Empty> response) {
        answerEmpty(response, () -> guest.setDateTime(request.getSec(), request.getUsec()));
    }

    @Override
    public void reseedRandomDev(ReseedRandomDevRequest request, StreamObserver<Empty> response) {
        answerEmpty(response, () -> guest.reseedRandom(request.getData().toByteArray()));
    }

    @Override
    public void copyFile(CopyFileRequest request, StreamObserver<Empty> response) {
        answerEmpty(response, () -> guest.copyFile(request));
    }

    @Override
    public void getVolumeStats(VolumeStatsRequest request, StreamObserver<VolumeStatsResponse> response) {
        answer(response, () -> guest.volumeStats(request.getVolumeGuestPath()));
    }

    @Override
    public void updateEphemeralMounts(UpdateEphemeralMountsRequest request, StreamObserver<Empty> response) {
        answerEmpty(response, () -> guest.updateEphemeralMounts(request.getStoragesList()));
    }

    @Override
    public void getMetrics(GetMetricsRequest request, StreamObserver<Metrics> response) {
        answer(response, () -> Metrics.newBuilder().setMetrics(metrics.text()).build());
    }

    /**
     * As Kata: the memory block size and probe support when asked for, and the agent's details
     * (no seccomp: the containers' runc configs carry no profile of the OCI spec).
     */
    @Override
    public void getGuestDetails(GuestDetailsRequest request, StreamObserver<GuestDetailsResponse> response) {
        answer(response, () -> GuestDetailsResponse.newBuilder()
                .setMemBlockSizeBytes(request.getMemBlockSize() ? guest.memoryBlockSize() : 0)
                .setSupportMemHotplugProbe(request.getMemHotplugProbe() && guest.memoryHotplugProbe())
                .setAgentDetails(AgentDetails.newBuilder().setVersion(VERSION)
                        .setInitDaemon(ProcessHandle.current().pid() == 1)
                        .setSupportsSeccomp(false))
                .build());
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
