package io.github.coco4j.agent.service;

import io.github.coco4j.agent.testing.NoImages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.github.coco4j.agent.files.SharedFiles;
import io.github.coco4j.agent.guest.Guest;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.proto.kata.AddSwapPathRequest;
import io.github.coco4j.proto.kata.AddSwapRequest;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.CopyFileRequest;
import io.github.coco4j.proto.kata.GetMetricsRequest;
import io.github.coco4j.proto.kata.GetOOMEventRequest;
import io.github.coco4j.proto.kata.GuestDetailsRequest;
import io.github.coco4j.proto.kata.GuestDetailsResponse;
import io.github.coco4j.proto.kata.ReseedRandomDevRequest;
import io.github.coco4j.proto.kata.SetGuestDateTimeRequest;
import io.github.coco4j.proto.kata.StatsContainerRequest;
import io.github.coco4j.proto.kata.Storage;
import io.github.coco4j.proto.kata.TtyWinResizeRequest;
import io.github.coco4j.proto.kata.UpdateEphemeralMountsRequest;
import io.github.coco4j.proto.kata.UpdateInterfaceRequest;
import io.github.coco4j.proto.kata.VolumeStatsRequest;
import io.github.coco4j.proto.kata.VolumeStatsResponse;
import io.github.coco4j.proto.kata.VolumeUsage;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest RPCs at the gRPC edge, behind a policy allowing them (not AddSwap), on a guest
 * whose sysfs, random device and shared directory are in a temporary directory: runs as any user.
 */
class GuestRpcTest {
    private static final String POLICY = """
            package agent_policy

            AddSwapRequest := false
            AddSwapPathRequest := true
            CopyFileRequest := true
            GetMetricsRequest := true
            GetOOMEventRequest := true
            GuestDetailsRequest := true
            ReseedRandomDevRequest := true
            SetGuestDateTimeRequest := true
            StatsContainerRequest := true
            TtyWinResizeRequest := true
            UpdateEphemeralMountsRequest := true
            UpdateInterfaceRequest := true
            VolumeStatsRequest := true
            """;

    @TempDir
    Path dir;
    private final RecordingBackend backend = new RecordingBackend();
    private Listener server;
    private Connection channel;
    private AgentServiceGrpc.AgentServiceBlockingStub agent;
    private Path shared;
    private Path random;

    @BeforeEach
    void start() throws Exception {
        shared = dir.resolve("shared");
        random = Files.createFile(dir.resolve("random"));
        Path memory = Files.createDirectories(dir.resolve("sys/devices/system/memory"));
        Files.writeString(memory.resolve("block_size_bytes"), "8000000\n");
        Guest guest = new Guest(null, dir.resolve("sys"), new SharedFiles(shared, 1 << 20), random);
        Path socket = dir.resolve("agent.sock");
        server = AgentServer.serve("unix://" + socket, PolicyGate.load("policy.rego", POLICY, true, null), backend, guest, NoImages.in(dir));
        channel = Transports.connect("unix://" + socket);
        agent = AgentServiceGrpc.newBlockingStub(channel.channel());
    }

    @AfterEach
    void stop() {
        channel.close();
        server.close();
    }

    private static Status failure(Executable call) {
        return assertThrows(StatusRuntimeException.class, call).getStatus();
    }

    @Test
    void copyFileWritesBeneathTheSharedDirectoryOnly() throws Exception {
        agent.copyFile(CopyFileRequest.newBuilder().setPath(shared.resolve("c1-resolv.conf").toString())
                .setFileMode(0100644).setDirMode(0750).setUid(-1).setGid(-1).setFileSize(10)
                .setData(ByteString.copyFromUtf8("nameserver")).build());
        assertEquals("nameserver", Files.readString(shared.resolve("c1-resolv.conf")));

        Status escape = failure(() -> agent.copyFile(CopyFileRequest.newBuilder().setPath(shared + "/../escaped")
                .setFileMode(0100644).setFileSize(1).setData(ByteString.copyFromUtf8("x")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, escape.getCode());
        assertEquals("CopyFile: " + shared + "/../escaped has a '..' component", escape.getDescription());
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    @Test
    void guestDetailsAnswerAsKatas() {
        GuestDetailsResponse details = agent.getGuestDetails(GuestDetailsRequest.newBuilder()
                .setMemBlockSize(true).setMemHotplugProbe(true).build());
        assertEquals(128L << 20, details.getMemBlockSizeBytes());
        assertFalse(details.getSupportMemHotplugProbe());
        assertEquals(AgentService.VERSION, details.getAgentDetails().getVersion());
        assertFalse(details.getAgentDetails().getSupportsSeccomp());
        assertEquals(0, agent.getGuestDetails(GuestDetailsRequest.getDefaultInstance()).getMemBlockSizeBytes());
    }

    @Test
    void anInvalidDateIsRefusedBeforeTheClockIsTouched() {
        for (SetGuestDateTimeRequest invalid : List.of(SetGuestDateTimeRequest.newBuilder().setSec(-1).build(),
                SetGuestDateTimeRequest.newBuilder().setSec(1_700_000_000).setUsec(1_000_000).build())) {
            Status refused = failure(() -> agent.setGuestDateTime(invalid));
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.getCode());
            assertTrue(refused.getDescription().startsWith("invalid guest date and time"), refused.getDescription());
        }
    }

    @Test
    void entropyGoesToTheRandomDeviceWithinBounds() throws Exception {
        agent.reseedRandomDev(ReseedRandomDevRequest.newBuilder().setData(ByteString.copyFromUtf8("seed")).build());
        assertArrayEquals("seed".getBytes(), Files.readAllBytes(random));
        assertEquals(Status.Code.INVALID_ARGUMENT, failure(() -> agent.reseedRandomDev(ReseedRandomDevRequest.getDefaultInstance())).getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, failure(() -> agent.reseedRandomDev(ReseedRandomDevRequest.newBuilder()
                .setData(ByteString.copyFrom(new byte[4097])).build())).getCode());
    }

    @Test
    void volumeStatsAreTheFileSystemsCapacityAndInodes() throws Exception {
        VolumeStatsResponse stats = agent.getVolumeStats(VolumeStatsRequest.newBuilder().setVolumeGuestPath(dir.toString()).build());
        VolumeUsage bytes = stats.getUsage(0);
        VolumeUsage inodes = stats.getUsage(1);
        assertEquals(VolumeUsage.Unit.BYTES, bytes.getUnit());
        assertEquals(Files.getFileStore(dir).getTotalSpace(), bytes.getTotal());
        assertEquals(bytes.getTotal(), bytes.getUsed() + bytes.getAvailable());
        assertEquals(VolumeUsage.Unit.INODES, inodes.getUnit());
        assertEquals(inodes.getTotal(), inodes.getUsed() + inodes.getAvailable());
        assertEquals("OK", stats.getVolumeCondition().getMessage());
        assertEquals(Status.Code.NOT_FOUND, failure(() -> agent.getVolumeStats(VolumeStatsRequest.newBuilder()
                .setVolumeGuestPath(dir.resolve("absent").toString()).build())).getCode());
    }

    @Test
    void ephemeralMountsWithoutOptionsOnlyGetTheirMountPointAndOtherDriversAreRefused() {
        Path mountPoint = dir.resolve("ephemeral/cache");
        agent.updateEphemeralMounts(UpdateEphemeralMountsRequest.getDefaultInstance());
        agent.updateEphemeralMounts(UpdateEphemeralMountsRequest.newBuilder().addStorages(Storage.newBuilder()
                .setDriver("ephemeral").setFstype("tmpfs").setSource("tmpfs").setMountPoint(mountPoint.toString())).build());
        assertTrue(Files.isDirectory(mountPoint));
        Status refused = failure(() -> agent.updateEphemeralMounts(UpdateEphemeralMountsRequest.newBuilder()
                .addStorages(Storage.newBuilder().setDriver("blk").setMountPoint(mountPoint.toString())).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getCode());
        assertTrue(refused.getDescription().startsWith("Unsupported storage type for syncing mounts blk"), refused.getDescription());
    }

    @Test
    void metricsArePrometheusText() {
        String text = agent.getMetrics(GetMetricsRequest.getDefaultInstance()).getMetrics();
        assertTrue(text.contains("# TYPE kata_agent_threads gauge\nkata_agent_threads "), text);
    }

    @Test
    void containerRpcsReachTheContainerBackend() {
        backend.ooms.add("c1");
        assertEquals("c1", agent.getOOMEvent(GetOOMEventRequest.getDefaultInstance()).getContainerId());
        agent.statsContainer(StatsContainerRequest.newBuilder().setContainerId("c1").build());
        agent.ttyWinResize(TtyWinResizeRequest.newBuilder().setContainerId("c1").setExecId("e1").setRow(24).setColumn(80).build());
        assertEquals(List.of("awaitOomEvent", "stats c1", "resizeTerminal c1 e1 24x80"), backend.calls);
    }

    @Test
    void anOomPollerThatGivesUpTakesNoEvent() throws Exception {
        Status expired = failure(() -> agent.withDeadlineAfter(200, TimeUnit.MILLISECONDS).getOOMEvent(GetOOMEventRequest.getDefaultInstance()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, expired.getCode());
        // The server learns of the deadline on its own clock: leave it time to stop the first wait.
        Thread.sleep(300);
        backend.ooms.add("c2");
        assertEquals("c2", agent.withDeadlineAfter(10, TimeUnit.SECONDS).getOOMEvent(GetOOMEventRequest.getDefaultInstance()).getContainerId());
    }

    @Test
    void requestsWithoutTheirContentAreInvalidAndUnsupportedRpcsUnimplemented() {
        Status empty = failure(() -> agent.updateInterface(UpdateInterfaceRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, empty.getCode());
        assertEquals("empty update interface request", empty.getDescription());
        assertEquals(Status.Code.PERMISSION_DENIED, failure(() -> agent.addSwap(AddSwapRequest.getDefaultInstance())).getCode());
        assertEquals(Status.Code.UNIMPLEMENTED, failure(() -> agent.addSwapPath(AddSwapPathRequest.getDefaultInstance())).getCode());
    }
}
