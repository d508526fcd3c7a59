package io.github.coco4j.agent.service;

import io.github.coco4j.agent.testing.NoImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.agent.guest.Guest;
import io.github.coco4j.initdata.authoring.ExecAllowList;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.ExecProcessRequest;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.ReadStreamRequest;
import io.github.coco4j.proto.kata.SetPolicyRequest;
import io.github.coco4j.proto.kata.StatsContainerRequest;
import io.github.coco4j.proto.kata.TtyWinResizeRequest;
import io.github.coco4j.proto.kata.UpdateContainerRequest;
import io.github.coco4j.testing.Workshop;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * AgentService behind the policy gate, served on a real unix socket to a real gRPC client, with
 * a recording stand-in for the container runtime: runs as any user, without runc.
 */
class GatedAgentServiceTest {
    /** Exec of {@code true} only, reads of exec "allowed" only; UpdateContainer allowed, StatsContainer denied. */
    private static final String POLICY = """
            package agent_policy

            default ExecProcessRequest := false
            ExecProcessRequest if {
                print("args:", input.process.Args)
                input.process.Args == ["true"]
            }

            default ReadStreamRequest := false
            ReadStreamRequest if input.exec_id == "allowed"

            default SetPolicyRequest := true
            UpdateContainerRequest := true
            StatsContainerRequest := false
            """;
    private static final String ALLOW_EXEC = "package agent_policy\nExecProcessRequest := true\nSetPolicyRequest := false\n";

    /** The transport under test: ttrpc, the shim's (gRPC in {@link GatedAgentServiceOverGrpcTest}). */
    String protocolPrefix() {
        return "";
    }

    @TempDir
    Path dir;
    private final RecordingBackend backend = new RecordingBackend();
    private Listener server;
    private Connection channel;

    private AgentServiceGrpc.AgentServiceBlockingStub agent(String policy) throws Exception {
        return agent(PolicyGate.load("policy.rego", policy, true, null));
    }

    private AgentServiceGrpc.AgentServiceBlockingStub agent(PolicyGate gate) throws Exception {
        Path socket = dir.resolve("agent.sock");
        server = AgentServer.serve(protocolPrefix() + "unix://" + socket, gate, backend,
                Guest.of(null, dir.resolve("shared")), NoImages.in(dir));
        channel = Transports.connect(server.endpoint().toString());
        return AgentServiceGrpc.newBlockingStub(channel.channel());
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ExecProcessRequest exec(String execId, String... args) {
        return ExecProcessRequest.newBuilder().setContainerId("c1").setExecId(execId)
                .setProcess(Process.newBuilder().addAllArgs(List.of(args))).build();
    }

    private static ReadStreamRequest read(String execId) {
        return ReadStreamRequest.newBuilder().setContainerId("c1").setExecId(execId).setLen(1024).build();
    }

    private static Status failure(Executable call) {
        return assertThrows(StatusRuntimeException.class, call).getStatus();
    }

    @Test
    void aDeniedExecIsPermissionDeniedWithKatasTextAndNeverReachesTheBackend() throws Exception {
        AgentServiceGrpc.AgentServiceBlockingStub agent = agent(POLICY);
        Status denied = failure(() -> agent.execProcess(exec("e1", "ls")));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getCode());
        assertEquals("ExecProcessRequest is blocked by policy: policy.rego:5: args: [\"ls\"]"
                + " (decided by the default rule at policy.rego:3)", denied.getDescription());
        assertEquals(List.of(), backend.calls);
    }

    @Test
    void withExplainedDenialsADeniedExecAlsoSaysWhereThePolicyFailed() throws Exception {
        AgentServiceGrpc.AgentServiceBlockingStub agent = agent(PolicyGate.load("policy.rego", POLICY, true, null).explainDenials(true));
        Status denied = failure(() -> agent.execProcess(exec("e1", "ls")));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getCode());
        assertEquals("ExecProcessRequest is blocked by policy: policy.rego:5: args: [\"ls\"]"
                + " (decided by the default rule at policy.rego:3) (failed at policy.rego:6:5)", denied.getDescription());
        assertEquals(List.of(), backend.calls);
    }

    @Test
    void anAllowedExecReachesTheBackend() throws Exception {
        agent(POLICY).execProcess(exec("e1", "true"));
        assertEquals(List.of("exec c1 e1"), backend.calls);
    }

    @Test
    void theWorkshopPolicyAllowsItsCommandsOnly() throws Exception {
        AgentServiceGrpc.AgentServiceBlockingStub agent = agent(ExecAllowList.apply(Workshop.policy(), List.of("uname -r")));
        agent.execProcess(exec("e1", "uname", "-r"));
        Status denied = failure(() -> agent.execProcess(exec("e2", "ls")));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getCode());
        assertTrue(denied.getDescription().startsWith("ExecProcessRequest is blocked by policy: "), denied.getDescription());
        assertEquals(List.of("exec c1 e1"), backend.calls);
    }

    @Test
    void aDeniedReadAnswersNoDataWithoutReachingTheBackend() throws Exception {
        AgentServiceGrpc.AgentServiceBlockingStub agent = agent(POLICY);
        assertTrue(agent.readStdout(read("other")).getData().isEmpty());
        assertTrue(agent.readStderr(read("other")).getData().isEmpty());
        assertEquals(List.of(), backend.calls);
        assertEquals("out:allowed", agent.readStdout(read("allowed")).getData().toStringUtf8());
        assertEquals(List.of("readStdout c1 allowed"), backend.calls);
    }

    @Test
    void setPolicyReplacesThePolicyAndIsItselfDecidedByTheCurrentOne() throws Exception {
        AgentServiceGrpc.AgentServiceBlockingStub agent = agent(POLICY);
        assertEquals(Status.Code.PERMISSION_DENIED, failure(() -> agent.execProcess(exec("e1", "ls"))).getCode());
        agent.setPolicy(SetPolicyRequest.newBuilder().setPolicy(ALLOW_EXEC).build());
        agent.execProcess(exec("e1", "ls"));
        assertEquals(List.of("exec c1 e1"), backend.calls);

        Status refused = failure(() -> agent.setPolicy(SetPolicyRequest.newBuilder().setPolicy(POLICY).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, refused.getCode());
        assertTrue(refused.getDescription().startsWith("SetPolicyRequest is blocked by policy: "), refused.getDescription());
        agent.execProcess(exec("e2", "ls"));
        assertEquals(List.of("exec c1 e1", "exec c1 e2"), backend.calls);
    }

    @Test
    void anRpcTheAgentDoesNotImplementIsUnimplementedOnceAllowedAndDeniedOtherwise() throws Exception {
        AgentServiceGrpc.AgentServiceBlockingStub agent = agent(POLICY);
        Status unimplemented = failure(() -> agent.updateContainer(UpdateContainerRequest.newBuilder().setContainerId("c1").build()));
        assertEquals(Status.Code.UNIMPLEMENTED, unimplemented.getCode());
        Status denied = failure(() -> agent.statsContainer(StatsContainerRequest.newBuilder().setContainerId("c1").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getCode());
        assertTrue(denied.getDescription().startsWith("StatsContainerRequest is blocked by policy: "), denied.getDescription());
        assertEquals(List.of(), backend.calls);
    }

    /** genpolicy's policies print the request, more than once: a long argument must not push the denial past the client's header limit. */
    @Test
    void aDenialThatPrintsALongRequestArrivesBounded() throws Exception {
        AgentServiceGrpc.AgentServiceBlockingStub agent = agent("""
                package agent_policy
                default ExecProcessRequest := false
                ExecProcessRequest if {
                    print("input:", input)
                    print("process:", input.process)
                    print("args:", input.process.Args)
                    false
                }
                """);
        for (int size : List.of(3000, 1 << 20)) {
            Status denied = failure(() -> agent.execProcess(exec("e1", "echo", "x".repeat(size))));
            assertEquals(Status.Code.PERMISSION_DENIED, denied.getCode(), denied.toString());
            String text = denied.getDescription();
            assertTrue(text.startsWith("ExecProcessRequest is blocked by policy: policy.rego:4: input: {"), text);
            assertTrue(text.contains("[truncated]"), text);
            assertTrue(text.length() <= 4096, size + " bytes: a denial of " + text.length());
        }
        assertEquals(List.of(), backend.calls);
    }

    @Test
    void backendFailuresBecomeTheirStatusWithoutAStackTrace() throws Exception {
        AgentServiceGrpc.AgentServiceBlockingStub agent = agent(POLICY);
        backend.failWith = new AgentException(AgentException.Kind.NOT_FOUND, "container c1 does not exist");
        Status notFound = failure(() -> agent.execProcess(exec("e1", "true")));
        assertEquals(Status.Code.NOT_FOUND, notFound.getCode());
        assertEquals("container c1 does not exist", notFound.getDescription());

        backend.failWith = new IllegalStateException("the runtime broke");
        Status internal = failure(() -> agent.execProcess(exec("e2", "true")));
        assertEquals(Status.Code.INTERNAL, internal.getCode());
        assertTrue(internal.getDescription().contains("the runtime broke"), internal.getDescription());
        assertFalse(internal.getDescription().contains("\n"), internal.getDescription());
        assertFalse(internal.getDescription().contains(".java:"), internal.getDescription());
        assertEquals(List.of("exec c1 e1", "exec c1 e2"), backend.calls);
    }

    /** {@code oc exec -it}: an exec with a terminal, then its window size, each decided by the policy before the backend sees it. */
    @Test
    void terminalExecsAndTheirResizesPassTheGate() throws Exception {
        AgentServiceGrpc.AgentServiceBlockingStub agent = agent("""
                package agent_policy
                default ExecProcessRequest := false
                ExecProcessRequest if input.process.Terminal
                default TtyWinResizeRequest := false
                TtyWinResizeRequest if input.row <= 500
                """);
        agent.execProcess(ExecProcessRequest.newBuilder().setContainerId("c1").setExecId("t1")
                .setProcess(Process.newBuilder().setTerminal(true).addArgs("sh")).build());
        assertEquals(Status.Code.PERMISSION_DENIED, failure(() -> agent.execProcess(exec("p1", "sh"))).getCode());
        agent.ttyWinResize(resize("t1", 40));
        Status tooTall = failure(() -> agent.ttyWinResize(resize("t1", 1000)));
        assertEquals(Status.Code.PERMISSION_DENIED, tooTall.getCode());
        assertTrue(tooTall.getDescription().startsWith("TtyWinResizeRequest is blocked by policy: "), tooTall.getDescription());

        backend.failWith = new AgentException(AgentException.Kind.UNAVAILABLE, "no tty");
        Status noTty = failure(() -> agent.ttyWinResize(resize("p1", 40)));
        assertEquals(Status.Code.UNAVAILABLE, noTty.getCode());
        assertEquals("no tty", noTty.getDescription());
        assertEquals(List.of("exec c1 t1", "resizeTerminal c1 t1 40x100", "resizeTerminal c1 p1 40x100"), backend.calls);
    }

    private static TtyWinResizeRequest resize(String execId, int rows) {
        return TtyWinResizeRequest.newBuilder().setContainerId("c1").setExecId(execId).setRow(rows).setColumn(100).build();
    }
}
