package io.github.coco4j.agent.bench;

import io.github.coco4j.agent.testing.NoImages;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.github.coco4j.agent.guest.Guest;
import io.github.coco4j.agent.runc.RuncBackend;
import io.github.coco4j.agent.service.AgentServer;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.initdata.authoring.ExecAllowList;
import io.github.coco4j.testing.Workshop;
import io.github.coco4j.policy.input.GoldenInputs;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.CreateContainerRequest;
import io.github.coco4j.proto.kata.ExecProcessRequest;
import io.github.coco4j.proto.kata.Mount;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Root;
import io.github.coco4j.proto.kata.Spec;
import io.github.coco4j.proto.kata.StartContainerRequest;
import io.github.coco4j.proto.kata.WaitProcessRequest;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ExecProcess through the agent's socket, policy gate and runc ({@code true} in a running
 * container, then WaitProcess), and the gate's decision alone, per policy: allow-all, the
 * workshop's exec allow-list, and a genpolicy policy (pod-exec, with an ExecProcess request it allows).
 * Needs root and runc.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExecRoundTripBenchmark {
    private static final String CONTAINER = "bench";

    /** The shim's protocol (ttrpc) or gRPC, on the agent's unix socket. */
    @Param({"unix", "grpc+unix"})
    public String transport;

    @Param({"allow-all", "workshop", "genpolicy"})
    public String policy;

    private Path dir;
    private RuncBackend backend;
    private Listener server;
    private Connection channel;
    private AgentServiceGrpc.AgentServiceBlockingStub agent;
    private PolicyGate gate;
    private Value decisionInput;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("exec-bench");
        gate = gate();
        backend = new RuncBackend("runc", dir.resolve("state"));
        server = AgentServer.serve(transport + "://" + dir.resolve("agent.sock"), PolicyGate.load("allow.rego", allowAll(), true, null), backend,
                Guest.of(null, dir.resolve("shared")), NoImages.in(dir));
        channel = Transports.connect(transport + "://" + dir.resolve("agent.sock"));
        agent = AgentServiceGrpc.newBlockingStub(channel.channel());
        Path rootfs = Workshop.hostUsrRootfs(dir.resolve("rootfs"));
        agent.createContainer(CreateContainerRequest.newBuilder().setContainerId(CONTAINER).setExecId(CONTAINER)
                .setOCI(Spec.newBuilder().setRoot(Root.newBuilder().setPath(rootfs.toString()))
                        .addMounts(Mount.newBuilder().setSource("/usr").setDestination("/usr").setType("bind").addOptions("ro"))
                        .setProcess(Process.newBuilder().addArgs("sleep").addArgs("3600"))).build());
        agent.startContainer(StartContainerRequest.newBuilder().setContainerId(CONTAINER).build());
    }

    private PolicyGate gate() throws Exception {
        switch (policy) {
            case "allow-all":
                decisionInput = execInput("true");
                return PolicyGate.load("allow.rego", allowAll(), true, null);
            case "workshop":
                decisionInput = execInput("true");
                return PolicyGate.load("policy.rego", ExecAllowList.apply(Workshop.policy(), List.of("true")), true, null);
            default: {
                GoldenInputs.Request exec = GoldenInputs.requests("pod-exec").stream()
                        .filter(r -> r.name().equals("ExecProcessRequest")).findFirst().orElseThrow();
                decisionInput = Json.toValue(exec.input());
                return PolicyGate.load("policy.rego",
                        Files.readString(TestData.path("rego/kata-golden/pod-exec/policy.rego")), false, null);
            }
        }
    }

    private static String allowAll() {
        return "package agent_policy\ndefault ExecProcessRequest := true\ndefault CreateContainerRequest := true\n"
                + "default StartContainerRequest := true\ndefault WaitProcessRequest := true\n"
                + "default RemoveContainerRequest := true\n";
    }

    private static Value execInput(String command) {
        return Json.toValue(io.github.coco4j.policy.input.PolicyInputRenderer.render(ExecProcessRequest.newBuilder()
                .setContainerId(CONTAINER).setExecId("e").setProcess(Process.newBuilder().addArgs(command)).build()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.close();
        server.close();
        backend.close();
    }

    /** The policy's share: one ExecProcessRequest decision. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object decide() {
        return gate.decide("ExecProcessRequest", decisionInput);
    }

    /** The whole round trip with an allow-all gate in the server: exec `true`, wait for its status. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int execTrue() {
        String execId = UUID.randomUUID().toString();
        agent.execProcess(ExecProcessRequest.newBuilder().setContainerId(CONTAINER).setExecId(execId)
                .setProcess(Process.newBuilder().addArgs("true").addEnv("PATH=/usr/bin:/bin")).build());
        return agent.waitProcess(WaitProcessRequest.newBuilder().setContainerId(CONTAINER).setExecId(execId).build()).getStatus();
    }
}
