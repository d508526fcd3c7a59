package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.testing.TestRegistries;
import io.github.coco4j.proto.cdh.ImagePullRequest;
import io.github.coco4j.proto.cdh.ImagePullServiceGrpc;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Transports;
import java.io.IOException;
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
 * container's bundle, and the container runs on it. The hub's policy requires cosign signatures
 * (sigstoreSigned, the public key a KBS resource) except for the encrypted repository.
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

    /**
     * The registry's images must carry a cosign signature, except the encrypted repository's (no test
     * image is both encrypted and signed; its layers are readable only with the KEK from the KBS).
     */
    private static String signaturesRequired() {
        String signed = image("cosign-signed:v1").path("ref").asText();
        String encrypted = image("encrypted:v1").path("ref").asText();
        String registry = signed.substring(0, signed.indexOf('/'));
        String encryptedRepository = encrypted.substring(0, encrypted.lastIndexOf(':'));
        return "{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{"
                + "\"" + registry + "\":[{\"type\":\"sigstoreSigned\",\"keyPath\":\"kbs:///default/image-keys/cosign-pub\"}],"
                + "\"" + encryptedRepository + "\":[{\"type\":\"insecureAcceptAnything\"}]}}}";
    }

    @Test
    void signedAndEncryptedImagesRunAndAnUnsignedOneFailsCreateContainerWithTheHubsReason() throws Exception {
        Path out = registries.outdir();
        Path cdhSocket = dir.resolve("cdh.sock");
        Path agentSocket = dir.resolve("agent.sock");
        String plain = image("plain:v1").path("ref").asText();
        String policy = signaturesRequired();
        // No attestation agent here: the hub skips the runtime measurement when its socket is absent.
        Path cdhToml = cdhToml(cdhSocket, dir.resolve("no-aa.sock"), "name = \"offline_fs_kbc\"\nurl = \"\"", policy);
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

            assertRunsWithItsSecret(server, "c1", "cosign-signed:v1");
            assertRunsWithItsSecret(server, "c2", "encrypted:v1");
            Path bundle = dir.resolve("agent/images/c1");
            assertTrue(Files.isRegularFile(bundle.resolve("config.json")), "the hub's runtime config beside the rootfs");

            Result refused = ctl(server, "run", "--id", "c3", "--image", plain, "--", "/bin/busybox", "sleep", "600");
            assertEquals(1, refused.status(), refused.out());
            assertTrue(refused.err().contains("image_guest_pull of " + plain + ": pull image failed (policy)"), refused.err());
            assertTrue(refused.err().contains("sigstoreSigned"), "the unmet signature requirement is named: " + refused.err());
            assertFalse(Files.exists(dir.resolve("agent/images/c3")), "a refused pull leaves no bundle");

            assertEquals(0, ctl(server, "rm", "c1").status());
            assertFalse(Files.exists(bundle), "the bundle goes with its container");
        }
    }

    /** The image's container runs, and {@code cat} (a busybox applet in its /bin) reads its /secret.txt. */
    private void assertRunsWithItsSecret(String server, String id, String key) throws Exception {
        Result run = ctl(server, "run", "--id", id, "--image", image(key).path("ref").asText(), "--", "/bin/busybox", "sleep", "600");
        assertEquals(0, run.status(), run.err());
        Result secret = ctl(server, "exec", id, "--", "cat", "/secret.txt");
        assertEquals(0, secret.status(), secret.err());
        assertEquals(image(key).path("secret").asText(), secret.out());
    }

    /** The hub's cdh.toml: its socket, the agent's, the {@code [kbc]} keys, and the test registries under {@code policy}. */
    private Path cdhToml(Path cdhSocket, Path aaSocket, String kbc, String policy) throws IOException {
        return Files.writeString(dir.resolve("cdh.toml"), "socket = \"unix://" + cdhSocket + "\"\n"
                + "[kbc]\n" + kbc + "\n"
                + "[aa]\naa_socket = \"unix://" + aaSocket + "\"\n"
                + "[image]\nwork_dir = \"" + dir.resolve("image-work") + "\"\n"
                + "image_security_policy = '" + policy + "'\n"
                + "extra_root_certificates = ['''\n" + Files.readString(registries.outdir().resolve("tls/ca.crt")) + "''']\n");
    }

    /**
     * The same pulls with the resources (the cosign public key, the KEK) served by the development KBS
     * after the attestation agent attested with sample evidence (cc_kbc), not from offline files; the
     * hub asks that agent to measure each pull, which it does not do here (NOT_ENABLED, logged).
     */
    @Test
    void withResourcesFromTheDevelopmentKbsTheSignedAndEncryptedImagesArePulledAndMeasured() throws Exception {
        KbsProcess.copyRepository(registries.outdir().resolve("kbs/repository"), dir);
        Files.writeString(dir.resolve("policy.rego"), "package policy\nimport rego.v1\ndefault allow := true\n");
        Path kbsConfig = KbsProcess.config(dir, "\n[policy_engine]\npolicy_path = \"policy.rego\"\n\n[development]\nallow_sample_evidence = true\n");
        Path aaSocket = dir.resolve("aa.sock");
        Path cdhSocket = dir.resolve("cdh.sock");
        try (KbsProcess kbs = KbsProcess.start(dir, kbsConfig)) {
            Path cdhToml = cdhToml(cdhSocket, aaSocket, "name = \"cc_kbc\"\nurl = \"" + kbs.url() + "\"", signaturesRequired());
            try (ManagedProcess agent = SampleAttestationAgent.start(dir, kbs.url(), aaSocket);
                 ManagedProcess hub = ManagedProcess.start(dir, List.of(Dist.launcher("confidential-data-hub"),
                         "--config", cdhToml.toString()), Map.of())) {
                agent.awaitReady(() -> Files.exists(aaSocket), Duration.ofSeconds(30));
                hub.awaitReady(() -> Files.exists(cdhSocket), Duration.ofSeconds(30));
                try (Connection channel = Transports.connect("unix://" + cdhSocket)) {
                    ImagePullServiceGrpc.ImagePullServiceBlockingStub pulls = ImagePullServiceGrpc.newBlockingStub(channel.channel());
                    assertPulledWithItsSecret(pulls, "cosign-signed:v1");
                    assertPulledWithItsSecret(pulls, "encrypted:v1");
                }
                String ref = image("encrypted:v1").path("ref").asText();
                assertTrue(hub.stderr().contains("did not measure the pull of " + ref + ": NOT_ENABLED"), hub.stderr());
            }
        }
    }

    private void assertPulledWithItsSecret(ImagePullServiceGrpc.ImagePullServiceBlockingStub pulls, String key) throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundles").resolve(key.replace(':', '-')));
        String digest = pulls.pullImage(ImagePullRequest.newBuilder().setImageUrl(image(key).path("ref").asText())
                .setBundlePath(bundle.toString()).build()).getManifestDigest();
        assertEquals(image(key).path("manifest_digest").asText(), digest);
        assertEquals(image(key).path("secret").asText(), Files.readString(bundle.resolve("rootfs/secret.txt")));
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
