package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.testing.TestRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kata's guest pull between real processes: the agent (runc) gets CreateContainer with an
 * image_guest_pull storage from agent-ctl, the confidential-data-hub launcher pulls the image from
 * the test registries (offline_fs_kbc holding their KBS resources, the image KEK among them) into the
 * container's bundle, and the container runs on it. The hub's policy accepts the encrypted image only.
 */
class ImageGuestPullIT {
    private static final String AGENT_POLICY = """
            package agent_policy
            default CreateSandboxRequest := true
            default CreateContainerRequest := true
            default StartContainerRequest := true
            default ExecProcessRequest := true
            default ReadStreamRequest := true
            default CloseStdinRequest := true
            default WaitProcessRequest := true
            default RemoveContainerRequest := true
            """;

    private static TestRegistries registries;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
        Assumptions.assumeTrue(new ProcessBuilder("runc", "--version").start().waitFor() == 0, "runc is not installed");
        Assumptions.assumeTrue(TestRegistries.available(), "the test registries need root to be built");
        registries = TestRegistries.start();
    }

    @AfterAll
    static void stop() {
        if (registries != null) {
            registries.close();
        }
    }

    private static JsonNode image(String key) {
        return registries.expectations().path("images").path(key);
    }

    @Test
    void anEncryptedImageRunsAndARefusedOneFailsCreateContainerWithTheHubsReason() throws Exception {
        Path out = registries.outdir();
        Path cdhSocket = dir.resolve("cdh.sock");
        Path agentSocket = dir.resolve("agent.sock");
        String encrypted = image("encrypted:v1").path("ref").asText();
        String plain = image("plain:v1").path("ref").asText();
        String policy = "{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{\""
                + encrypted.substring(0, encrypted.lastIndexOf(':')) + "\":[{\"type\":\"insecureAcceptAnything\"}]}}}";
        Path cdhToml = Files.writeString(dir.resolve("cdh.toml"), "socket = \"unix://" + cdhSocket + "\"\n"
                + "[kbc]\nname = \"offline_fs_kbc\"\nurl = \"\"\n"
                + "[image]\nwork_dir = \"" + dir.resolve("image-work") + "\"\n"
                + "image_security_policy = '" + policy + "'\n"
                + "extra_root_certificates = ['''\n" + Files.readString(out.resolve("tls/ca.crt")) + "''']\n");
        Path agentPolicy = Files.writeString(dir.resolve("policy.rego"), AGENT_POLICY);
        try (ManagedProcess hub = ManagedProcess.start(dir, List.of(Dist.launcher("confidential-data-hub"),
                "--config", cdhToml.toString()),
                Map.of("OFFLINE_FS_KBC_EXTRA_FILE_PATH", out.resolve("kbs/aa-offline_fs_kbc-resources.json").toString()));
             ManagedProcess agent = ManagedProcess.start(dir, List.of(Dist.launcher("agent"), "--listen", "unix://" + agentSocket,
                     "--policy", agentPolicy.toString(), "--state-dir", dir.resolve("agent").toString(),
                     "--cdh-socket", "unix://" + cdhSocket, "--pause-bundle", dir.resolve("no-pause").toString()), Map.of())) {
            hub.awaitReady(() -> Files.exists(cdhSocket), Duration.ofSeconds(30));
            agent.awaitReady(() -> Files.exists(agentSocket), Duration.ofSeconds(30));
            String server = "unix://" + agentSocket;

            Result run = ctl(server, "run", "--id", "c1", "--image", encrypted, "--", "/bin/busybox", "sleep", "600");
            assertEquals(0, run.status(), run.err());
            // The image has a few busybox applets in /bin, cat among them (sleep only through busybox).
            Result secret = ctl(server, "exec", "c1", "--", "cat", "/secret.txt");
            assertEquals(0, secret.status(), secret.err());
            assertEquals(image("encrypted:v1").path("secret").asText(), secret.out());
            Path bundle = dir.resolve("agent/images/c1");
            assertTrue(Files.isRegularFile(bundle.resolve("config.json")), "the hub's runtime config beside the rootfs");

            Result refused = ctl(server, "run", "--id", "c2", "--image", plain, "--", "/bin/busybox", "sleep", "600");
            assertEquals(1, refused.status(), refused.out());
            assertTrue(refused.err().contains("image_guest_pull of " + plain + ": pull image failed (policy)"), refused.err());
            assertFalse(Files.exists(dir.resolve("agent/images/c2")), "a refused pull leaves no bundle");

            assertEquals(0, ctl(server, "rm", "c1").status());
            assertFalse(Files.exists(bundle), "the bundle goes with its container");
        }
    }

    private record Result(int status, String out, String err) {
    }

    private Result ctl(String server, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Dist.launcher("agent-ctl"), "--server", server));
        command.addAll(List.of(args));
        ManagedProcess process = ManagedProcess.start(dir, command, Map.of());
        int status = process.waitFor(Duration.ofMinutes(5));
        return new Result(status, process.stdout(), process.stderr());
    }
}
