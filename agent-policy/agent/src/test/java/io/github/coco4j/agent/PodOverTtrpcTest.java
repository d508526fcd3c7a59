package io.github.coco4j.agent;

import io.github.coco4j.agent.testing.NoImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.github.coco4j.agent.testing.Runc;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.agent.guest.Guest;
import io.github.coco4j.agent.runc.RuncBackend;
import io.github.coco4j.agent.service.AgentServer;
import io.github.coco4j.initdata.authoring.ExecAllowList;
import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.testing.Workshop;
import io.github.coco4j.ttrpc.testing.KataTtrpc;
import io.github.coco4j.wire.Listener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pod's whole life as the Kata shim drives it, over ttrpc with containerd's own client
 * (kata-ttrpc, Debian's Go ttrpc), against the agent with runc containers, on a unix socket and on
 * TCP: sandbox, guest details, files copied in, a container, an allowed exec with its output and
 * exit status, a refused exec with Kata's text, a signal, removal.
 */
class PodOverTtrpcTest {
    private static final String ALLOWED = "cat /etc/hostname-copied";

    @TempDir
    static Path dir;
    private static KataTtrpc client;
    private static Path rootfs;

    @BeforeAll
    static void needsRootAndRunc() throws Exception {
        Runc.assumeAvailable();
        client = KataTtrpc.build(Path.of(System.getProperty("coco4j.root"), "proto/protocols/src/main/proto"));
        rootfs = Workshop.hostUsrRootfs(dir.resolve("rootfs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void aPodLivesAndDiesOverTtrpc(String transport) throws Exception {
        Path shared = dir.resolve(transport + "-shared");
        PolicyGate gate = PolicyGate.load("policy.rego", ExecAllowList.apply(Workshop.policy(), List.of(ALLOWED)), true, null);
        String address = transport.equals("unix") ? "unix://" + dir.resolve(transport + ".sock") : "tcp:127.0.0.1:0";
        try (RuncBackend backend = new RuncBackend("runc", dir.resolve(transport + "-state"));
             Listener agent = AgentServer.serve(address, gate, backend, Guest.of(null, shared), NoImages.in(dir))) {
            Pod pod = new Pod(agent.endpoint().toString());
            pod.ok("CreateSandbox", "{\"hostname\":\"pod\",\"sandbox_id\":\"pod\"}");
            assertTrue(pod.ok("GetGuestDetails", "{\"mem_block_size\":true}").contains("agent_details"));
            Path hostname = shared.resolve("pod-hostname");
            pod.ok("CopyFile", "{\"path\":\"" + hostname + "\",\"file_size\":4,\"file_mode\":33188,\"dir_mode\":493,"
                    + "\"offset\":0,\"data\":\"" + Base64.getEncoder().encodeToString("pod\n".getBytes(StandardCharsets.UTF_8)) + "\"}");
            assertEquals("pod\n", Files.readString(hostname));
            pod.ok("CreateContainer", "{\"container_id\":\"c1\",\"exec_id\":\"c1\",\"OCI\":{\"Version\":\"1.0.2\","
                    + "\"Root\":{\"Path\":\"" + rootfs + "\"},\"Process\":{\"Args\":[\"sleep\",\"600\"],\"Cwd\":\"/\"},"
                    + "\"Mounts\":[{\"destination\":\"/usr\",\"source\":\"/usr\",\"type\":\"bind\",\"options\":[\"rbind\",\"ro\"]},"
                    + "{\"destination\":\"/etc/hostname-copied\",\"source\":\"" + hostname + "\",\"type\":\"bind\",\"options\":[\"rbind\",\"ro\"]}]}}");
            pod.ok("StartContainer", "{\"container_id\":\"c1\"}");

            pod.ok("ExecProcess", "{\"container_id\":\"c1\",\"exec_id\":\"e1\",\"process\":{\"Args\":[\"cat\",\"/etc/hostname-copied\"],\"Cwd\":\"/\"}}");
            assertTrue(pod.ok("ReadStdout", "{\"container_id\":\"c1\",\"exec_id\":\"e1\",\"len\":1024}")
                    .contains(Base64.getEncoder().encodeToString("pod\n".getBytes(StandardCharsets.UTF_8))));
            assertTrue(pod.ok("WaitProcess", "{\"container_id\":\"c1\",\"exec_id\":\"e1\"}").matches("\\{\\}|\\{\"status\":0\\}"));
            // As in Kata, a waited exec is gone.
            assertEquals(3, pod.call("ReadStdout", "{\"container_id\":\"c1\",\"exec_id\":\"e1\",\"len\":1024}").exitCode());

            KataTtrpc.Result refused = pod.call("ExecProcess", "{\"container_id\":\"c1\",\"exec_id\":\"e2\",\"process\":{\"Args\":[\"ls\"]}}");
            assertEquals(3, refused.exitCode(), refused.toString());
            assertTrue(refused.stderr().startsWith("code=PermissionDenied message=ExecProcessRequest is blocked by policy: "),
                    refused.stderr());

            pod.ok("SignalProcess", "{\"container_id\":\"c1\",\"exec_id\":\"\",\"signal\":9}");
            assertTrue(pod.ok("WaitProcess", "{\"container_id\":\"c1\",\"exec_id\":\"c1\"}").contains("\"status\":137"));
            pod.ok("RemoveContainer", "{\"container_id\":\"c1\"}");
            pod.ok("DestroySandbox", "{}");
        }
    }

    /** Calls on one agent, each through kata-ttrpc as the shim would send it. */
    private record Pod(String address) {
        KataTtrpc.Result call(String method, String json) {
            return client.call(address, "grpc.AgentService." + method, json, "--proto-names", "--timeout", "30s");
        }

        String ok(String method, String json) {
            KataTtrpc.Result result = call(method, json);
            assertEquals(0, result.exitCode(), method + ": " + result);
            return result.stdout().strip();
        }
    }
}
