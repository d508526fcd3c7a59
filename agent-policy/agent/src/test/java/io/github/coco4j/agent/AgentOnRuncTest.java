package io.github.coco4j.agent;

import io.github.coco4j.agent.testing.NoImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.github.coco4j.agent.testing.Runc;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.github.coco4j.agent.ctl.AgentCtl;
import io.github.coco4j.agent.guest.Guest;
import io.github.coco4j.agent.runc.RuncBackend;
import io.github.coco4j.agent.service.AgentServer;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.initdata.authoring.ExecAllowList;
import io.github.coco4j.testing.Workshop;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.CloseStdinRequest;
import io.github.coco4j.proto.kata.ExecProcessRequest;
import io.github.coco4j.proto.kata.Interfaces;
import io.github.coco4j.proto.kata.ListInterfacesRequest;
import io.github.coco4j.proto.kata.ListRoutesRequest;
import io.github.coco4j.proto.kata.PauseContainerRequest;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.ResumeContainerRequest;
import io.github.coco4j.proto.kata.ReadStreamRequest;
import io.github.coco4j.proto.kata.SignalProcessRequest;
import io.github.coco4j.proto.kata.WaitProcessRequest;
import io.github.coco4j.proto.kata.WriteStreamRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent over its real socket, with real runc containers: a container whose root holds the
 * host's /usr (read-only), exec allowed or refused by the policy, stdio, exit codes and signals.
 */
class AgentOnRuncTest {
    private static final String CURL = "curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1";
    private static final String CONTAINER = "c1";

    @TempDir
    static Path dir;
    private static Listener server;
    private static RuncBackend backend;
    private static PolicyGate gate;
    private static Connection channel;
    private static AgentServiceGrpc.AgentServiceBlockingStub agent;
    private static String socket;

    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void startAgentAndContainer() throws Exception {
        Runc.assumeAvailable();
        gate = PolicyGate.load("policy.rego", ExecAllowList.apply(Workshop.policy(), List.of(CURL, "uname -r")), true, null);
        backend = new RuncBackend("runc", dir.resolve("state"));
        socket = dir.resolve("agent.sock").toString();
        server = AgentServer.serve("unix://" + socket, gate, backend, Guest.of(null, dir.resolve("shared")), NoImages.in(dir));
        channel = Transports.connect("unix://" + socket);
        agent = AgentServiceGrpc.newBlockingStub(channel.channel());
        Path rootfs = Workshop.hostUsrRootfs(dir.resolve("rootfs"));
        Run run = ctl("run", "--id", CONTAINER, "--rootfs", rootfs.toString(), "--bind", "/usr:/usr", "--", "sleep", "600");
        assertEquals(0, run.status(), run.err());
    }

    @AfterAll
    static void stop() {
        if (channel != null) {
            channel.close();
        }
        if (server != null) {
            server.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static Run ctl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--server", "unix://" + socket));
        all.addAll(List.of(args));
        int status = AgentCtl.execute(out, err, all.toArray(new String[0]));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run exec(String command) {
        List<String> args = new ArrayList<>(List.of("exec", CONTAINER, "--"));
        args.addAll(List.of(command.split(" ")));
        return ctl(args.toArray(new String[0]));
    }

    @Test
    void theWorkshopCommandRunsAndOthersAreRefusedWithKatasText() throws Exception {
        Run curl = exec(CURL);
        assertTrue(curl.status() != 126, "curl ran: " + curl);
        Run uname = exec("uname -r");
        assertEquals(0, uname.status(), uname.err());
        String kernel = new String(new ProcessBuilder("uname", "-r").start().getInputStream().readAllBytes()).strip();
        assertEquals(kernel, uname.out().strip());
        for (String refused : List.of("ls", CURL.replace("key1", "key2"))) {
            Run r = exec(refused);
            assertEquals(126, r.status(), refused);
            assertTrue(r.err().startsWith("ExecProcessRequest is blocked by policy: "), r.err());
        }
    }

    /** Requests straight over gRPC, after the policy is replaced by one that allows everything. */
    @Test
    void stdioExitCodesSignalsAndConcurrentExecs() throws Exception {
        assertEquals(0, ctl("set-policy", Files.writeString(dir.resolve("allow-all.rego"),
                "package agent_policy\ndefault ExecProcessRequest := true\ndefault SetPolicyRequest := true\n"
                        + "default WriteStreamRequest := true\ndefault ReadStreamRequest := true\n"
                        + "default CloseStdinRequest := true\ndefault WaitProcessRequest := true\n"
                        + "default SignalProcessRequest := true\ndefault CreateContainerRequest := true\n"
                        + "default CreateSandboxRequest := true\ndefault StartContainerRequest := true\n"
                        + "default RemoveContainerRequest := true\ndefault PauseContainerRequest := true\n"
                        + "default ResumeContainerRequest := true\n").toString()).status());
        try {
            start("cat-1", "cat");
            agent.writeStdin(WriteStreamRequest.newBuilder().setContainerId(CONTAINER).setExecId("cat-1")
                    .setData(ByteString.copyFromUtf8("hello\n")).build());
            agent.closeStdin(CloseStdinRequest.newBuilder().setContainerId(CONTAINER).setExecId("cat-1").build());
            assertEquals("hello\n", readAll("cat-1"));
            assertEquals(0, waitFor("cat-1"));

            Run tty = ctl("exec", "-t", CONTAINER, "--", "sh", "-c", "tty >&2; exit 6");
            assertEquals(6, tty.status(), tty.err());
            assertTrue(tty.out().matches("/dev/pts/\\d+\r+\n"), tty.out());
            assertEquals("", tty.err());

            start("exit-3", "sh", "-c", "echo oops >&2; exit 3");
            assertEquals(3, waitFor("exit-3"));

            start("sleep-1", "sleep", "100");
            agent.signalProcess(SignalProcessRequest.newBuilder().setContainerId(CONTAINER).setExecId("sleep-1").setSignal(9).build());
            assertEquals(137, waitFor("sleep-1"));

            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<String>> outputs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String id = "echo-" + i;
                int n = i;
                outputs.add(pool.submit(() -> {
                    start(id, "echo", "n" + n);
                    String out = readAll(id);
                    waitFor(id);
                    return out;
                }));
            }
            for (int i = 0; i < 16; i++) {
                assertEquals("n" + i + "\n", outputs.get(i).get());
            }
            pool.shutdown();

            agent.pauseContainer(PauseContainerRequest.newBuilder().setContainerId(CONTAINER).build());
            agent.resumeContainer(ResumeContainerRequest.newBuilder().setContainerId(CONTAINER).build());
            start("after-resume", "echo", "thawed");
            assertEquals("thawed\n", readAll("after-resume"));

            StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> waitFor("no-such-exec"));
            assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
            StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> start("bad-1", "/no/such/binary"));
            assertEquals(Status.Code.INVALID_ARGUMENT, missing.getStatus().getCode());
            assertTrue(missing.getStatus().getDescription().startsWith("the process did not start: "), missing.getMessage());

            Path rootfs = dir.resolve("rootfs");
            assertEquals(0, ctl("run", "--id", "c2", "--rootfs", rootfs.toString(), "--bind", "/usr:/usr", "--", "sleep", "600").status());
            assertEquals(0, ctl("rm", "c2").status());
            Run gone = ctl("exec", "c2", "--", "true");
            assertEquals(1, gone.status());
            assertTrue(gone.err().contains("NOT_FOUND: container c2 does not exist"), gone.err());
        } finally {
            assertEquals(0, ctl("set-policy", Files.writeString(dir.resolve("back.rego"), ExecAllowList.apply(Workshop.policy(), List.of(CURL, "uname -r"))).toString()).status());
        }
    }

    @Test
    void interfacesAndRoutesAreTheGuests() {
        Interfaces interfaces = agent.listInterfaces(ListInterfacesRequest.getDefaultInstance());
        assertTrue(interfaces.getInterfacesList().stream().anyMatch(i -> i.getName().equals("lo")
                && i.getIPAddressesList().stream().anyMatch(a -> a.getAddress().equals("127.0.0.1") && a.getMask().equals("8"))),
                interfaces.toString());
        agent.listRoutes(ListRoutesRequest.getDefaultInstance());
    }

    /** The shim's protocol (ttrpc) and gRPC on TCP, as the peer-pod forwarder reaches the agent: same gate, same answers. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp:127.0.0.1:0", "grpc+tcp:127.0.0.1:0"})
    void theAgentAlsoServesOverTcp(String address) throws Exception {
        try (Listener tcp = AgentServer.serve(address, gate, backend, Guest.of(null, dir.resolve("shared")), NoImages.in(dir));
             Connection connection = Transports.connect(tcp.endpoint().toString())) {
            assertEquals(io.github.coco4j.proto.kata.HealthCheckResponse.ServingStatus.SERVING, io.github.coco4j.proto.kata.HealthGrpc
                    .newBlockingStub(connection.channel()).check(io.github.coco4j.proto.kata.CheckRequest.getDefaultInstance()).getStatus());
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> AgentServiceGrpc
                    .newBlockingStub(connection.channel()).execProcess(ExecProcessRequest.newBuilder().setContainerId(CONTAINER)
                            .setExecId("tcp-1").setProcess(Process.newBuilder().addArgs("ls")).build()));
            assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
            assertTrue(refused.getStatus().getDescription().startsWith("ExecProcessRequest is blocked by policy"),
                    refused.getStatus().getDescription());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = AgentCtl.execute(out, err, "--server", tcp.endpoint().toString(), "exec", CONTAINER, "--", "uname", "-r");
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            assertTrue(!out.toString(StandardCharsets.UTF_8).isBlank());
        }
    }

    @Test
    void healthIsNotGatedAndAnswers() {
        Run health = ctl("health");
        assertEquals(0, health.status(), health.err());
        assertTrue(health.out().startsWith("SERVING"), health.out());
    }

    private static void start(String execId, String... args) {
        agent.execProcess(ExecProcessRequest.newBuilder().setContainerId(CONTAINER).setExecId(execId)
                .setProcess(Process.newBuilder().addAllArgs(List.of(args)).setCwd("/")
                        .addEnv("PATH=/usr/bin:/bin")).build());
    }

    private static String readAll(String execId) {
        StringBuilder out = new StringBuilder();
        ReadStreamRequest request = ReadStreamRequest.newBuilder().setContainerId(CONTAINER).setExecId(execId).setLen(1024).build();
        for (ByteString data = agent.readStdout(request).getData(); !data.isEmpty(); data = agent.readStdout(request).getData()) {
            out.append(data.toStringUtf8());
        }
        return out.toString();
    }

    private static int waitFor(String execId) {
        return agent.waitProcess(WaitProcessRequest.newBuilder().setContainerId(CONTAINER).setExecId(execId).build()).getStatus();
    }
}
