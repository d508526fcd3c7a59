package io.github.coco4j.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.agent.ctl.AgentCtl;
import io.github.coco4j.agent.guest.Guest;
import io.github.coco4j.agent.image.ContainerImages;
import io.github.coco4j.agent.image.DataHubImages;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.proto.cdh.ImagePullRequest;
import io.github.coco4j.proto.cdh.ImagePullResponse;
import io.github.coco4j.proto.cdh.ImagePullServiceGrpc;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.CreateContainerRequest;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.RemoveContainerRequest;
import io.github.coco4j.proto.kata.Spec;
import io.github.coco4j.proto.kata.Storage;
import io.github.coco4j.proto.kata.User;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CreateContainer with Kata's image_guest_pull storage, as the shim sends it, through the gated
 * service to a recording backend, with a stand-in data hub serving PullImage on a unix socket:
 * runs as any user, without runc or registries.
 */
class ImageGuestPullTest {
    private static final String ALLOW = "package agent_policy\ndefault CreateContainerRequest := true\n"
            + "default RemoveContainerRequest := true\ndefault CreateSandboxRequest := true\ndefault StartContainerRequest := true\n";
    private static final String IMAGE_CONFIG = """
            {"ociVersion":"1.0.2","root":{"path":"rootfs"},"hostname":"image-rs",
             "process":{"user":{"uid":1000,"gid":1000},"args":["/bin/app","serve"],"env":["PATH=/bin","MODE=image"],"cwd":"/srv"}}""";

    @TempDir
    Path dir;
    private final RecordingBackend backend = new RecordingBackend();
    private final List<ImagePullRequest> pulls = new CopyOnWriteArrayList<>();
    /** What the stand-in data hub answers instead of pulling, when set. */
    private volatile Status refusal;
    private Listener hub;
    private Listener agentServer;
    private Connection channel;
    private AgentServiceGrpc.AgentServiceBlockingStub agent;

    /** Pulls as the data hub does: a rootfs and the runtime config in the bundle. */
    private final class StandInHub extends ImagePullServiceGrpc.ImagePullServiceImplBase {
        @Override
        public void pullImage(ImagePullRequest request, StreamObserver<ImagePullResponse> response) {
            pulls.add(request);
            if (refusal != null) {
                response.onError(refusal.asRuntimeException());
                return;
            }
            try {
                Path bundle = Path.of(request.getBundlePath());
                Files.createDirectories(bundle.resolve("rootfs/bin"));
                Files.writeString(bundle.resolve("config.json"), IMAGE_CONFIG);
            } catch (IOException e) {
                response.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
                return;
            }
            response.onNext(ImagePullResponse.newBuilder().setManifestDigest("sha256:" + "0".repeat(64)).build());
            response.onCompleted();
        }
    }

    @BeforeEach
    void start() throws Exception {
        hub = Transports.serve("unix://" + dir.resolve("cdh.sock"), new StandInHub().bindService());
        ContainerImages images = new ContainerImages(dir.resolve("images"),
                new DataHubImages(hub.endpoint().toString(), Duration.ofSeconds(30)), dir.resolve("pause_bundle"));
        agentServer = AgentServer.serve("unix://" + dir.resolve("agent.sock"), PolicyGate.load("allow.rego", ALLOW, true, null),
                backend, Guest.of(null, dir.resolve("shared")), images);
        channel = Transports.connect(agentServer.endpoint().toString());
        agent = AgentServiceGrpc.newBlockingStub(channel.channel());
    }

    @AfterEach
    void stop() {
        channel.close();
        agentServer.close();
        hub.close();
    }

    private static CreateContainerRequest create(String id, String containerType, Process process) {
        Storage image = Storage.newBuilder().setDriver("image_guest_pull").setSource("registry.example/app:v1")
                .addDriverOptions("image_guest_pull={\"metadata\":{\"io.kubernetes.cri.container-type\":\"" + containerType + "\"}}")
                .setMountPoint("/run/kata-containers/" + id + "/rootfs").build();
        return CreateContainerRequest.newBuilder().setContainerId(id).setExecId(id).addStorages(image)
                .setOCI(Spec.newBuilder().setProcess(process)).build();
    }

    @Test
    void theDataHubPullsIntoTheContainersBundleAndTheContainerRunsOnItsRootfsWithTheImagesProcess() throws Exception {
        agent.createContainer(create("c1", "container", Process.newBuilder().addEnv("MODE=request").addEnv("EXTRA=1").build()));

        Path bundle = dir.resolve("images/c1").toAbsolutePath();
        assertEquals(1, pulls.size());
        assertEquals("registry.example/app:v1", pulls.get(0).getImageUrl());
        assertEquals(bundle.toString(), pulls.get(0).getBundlePath());
        Spec spec = backend.specs.get("c1");
        assertEquals(bundle.resolve("rootfs").toString(), spec.getRoot().getPath());
        assertEquals(List.of("/bin/app", "serve"), spec.getProcess().getArgsList());
        assertEquals(List.of("PATH=/bin", "MODE=request", "EXTRA=1"), spec.getProcess().getEnvList());
        assertEquals("/srv", spec.getProcess().getCwd());
        assertEquals(1000, spec.getProcess().getUser().getUID());

        agent.removeContainer(RemoveContainerRequest.newBuilder().setContainerId("c1").build());
        assertFalse(Files.exists(bundle), "the bundle goes with its container");
    }

    @Test
    void agentCtlRunWithAnImageSendsTheStorageAsTheShimDoesAndRunsTheImagesCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AgentCtl.execute(out, out, "--server", agentServer.endpoint().toString(),
                "run", "--id", "c1", "--image", "registry.example/app:v1");
        assertEquals(0, status, out.toString());
        assertEquals(List.of("createSandbox c1", "createContainer c1 c1", "startContainer c1"), backend.calls);
        assertEquals("registry.example/app:v1", pulls.get(0).getImageUrl());
        assertEquals(List.of("/bin/app", "serve"), backend.specs.get("c1").getProcess().getArgsList());
    }

    @Test
    void whatTheRequestSaysWinsOverTheImage() throws Exception {
        agent.createContainer(create("c1", "container", Process.newBuilder().addArgs("sh").setCwd("/")
                .setUser(User.newBuilder().setUID(0)).build()));
        Process process = backend.specs.get("c1").getProcess();
        assertEquals(List.of("sh"), process.getArgsList());
        assertEquals("/", process.getCwd());
        assertEquals(0, process.getUser().getUID());
    }

    @Test
    void aRefusedPullFailsCreateContainerWithTheDataHubsReasonAndLeavesNothing() {
        refusal = Status.PERMISSION_DENIED.withDescription("pull image failed (policy): the policy rejects registry.example/app:v1");
        StatusRuntimeException failed = assertThrows(StatusRuntimeException.class,
                () -> agent.createContainer(create("c1", "container", Process.getDefaultInstance())));
        assertEquals(Status.Code.INTERNAL, failed.getStatus().getCode());
        assertEquals("image_guest_pull of registry.example/app:v1: pull image failed (policy): "
                + "the policy rejects registry.example/app:v1", failed.getStatus().getDescription());
        assertEquals(List.of(), backend.calls);
        assertFalse(Files.exists(dir.resolve("images/c1")));
    }

    @Test
    void theSandboxContainerRunsTheGuestsPauseBundleAndIsNotPulled() throws Exception {
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                () -> agent.createContainer(create("pod", "sandbox", Process.getDefaultInstance())));
        assertEquals(Status.Code.FAILED_PRECONDITION, missing.getStatus().getCode());
        assertTrue(missing.getStatus().getDescription().startsWith("the guest has no pause bundle"), missing.getStatus().getDescription());

        Files.createDirectories(dir.resolve("pause_bundle/rootfs"));
        Files.writeString(dir.resolve("pause_bundle/rootfs/pause"), "#!pause");
        Files.writeString(dir.resolve("pause_bundle/config.json"), "{\"process\":{\"args\":[\"/pause\"],\"cwd\":\"/\"}}");
        agent.createContainer(create("pod", "sandbox", Process.newBuilder().addArgs("ignored").build()));
        assertEquals(List.of(), pulls);
        Spec spec = backend.specs.get("pod");
        assertEquals(List.of("/pause"), spec.getProcess().getArgsList());
        assertEquals("#!pause", Files.readString(Path.of(spec.getRoot().getPath(), "pause")));
    }

    @Test
    void aContainerIdThatIsNoPlainNameIsRefusedBeforeAnyPull() {
        StatusRuntimeException failed = assertThrows(StatusRuntimeException.class,
                () -> agent.createContainer(create("..", "container", Process.getDefaultInstance())));
        assertEquals(Status.Code.INVALID_ARGUMENT, failed.getStatus().getCode());
        assertEquals(List.of(), pulls);
    }
}
