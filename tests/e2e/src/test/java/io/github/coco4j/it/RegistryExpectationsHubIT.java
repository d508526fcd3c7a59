package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.proto.cdh.ImagePullRequest;
import io.github.coco4j.proto.cdh.ImagePullServiceGrpc;
import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.testing.TestRegistries;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Transports;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of the test registries' {@code registry-expectations.json} through the data hub daemon
 * with cc_kbc: its resources (policies, keys, credentials, registry configuration, the image KEK)
 * come from the development KBS after the sample attestation agent attested. One KBS and one agent
 * serve every case; a hub runs for each distinct {@code [image]} configuration the cases name (a
 * hub reads its configuration once), and pulls its cases four at a time. Cases whose KEK is absent
 * or wrong run last on their hub, one at a time, with the KBS's KEK file removed or replaced.
 */
class RegistryExpectationsHubIT {
    private static final int PARALLEL_PULLS = 4;
    private static final String KEK = "default/key/image-kek";

    @TempDir
    static Path dir;
    private static TestRegistries registries;
    private static KbsProcess kbs;
    private static ManagedProcess attestationAgent;
    private static Path aaSocket;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(TestRegistries.available(), "the test registries need root to be built");
        registries = TestRegistries.start();
        KbsProcess.copyRepository(registries.outdir().resolve("kbs/repository"), dir);
        Files.writeString(dir.resolve("policy.rego"), "package policy\nimport rego.v1\ndefault allow := true\n");
        kbs = KbsProcess.start(dir, KbsProcess.config(dir,
                "\n[policy_engine]\npolicy_path = \"policy.rego\"\n\n[development]\nallow_sample_evidence = true\n"));
        aaSocket = dir.resolve("aa.sock");
        attestationAgent = SampleAttestationAgent.start(dir, kbs.url(), aaSocket);
        attestationAgent.awaitReady(() -> Files.exists(aaSocket), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (attestationAgent != null) {
            attestationAgent.close();
        }
        if (kbs != null) {
            kbs.close();
        }
        if (registries != null) {
            registries.close();
        }
    }

    /** What a case's pull answered: the manifest digest, or the hub's refusal. */
    private record Outcome(Path bundle, String digest, StatusRuntimeException refusal) {
    }

    /** The part of a case that goes into the hub's cdh.toml. */
    private record HubConfig(String policyUri, String credentialsUri, String registryConfig, List<String> roots) {
        static HubConfig of(JsonNode c) {
            List<String> roots = new ArrayList<>();
            c.path("extra_root_certificates").forEach(r -> roots.add(r.asText()));
            return new HubConfig(text(c, "policy_uri"), text(c, "credentials_uri"), text(c, "registry_config"), roots);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseThroughTheHubWithResourcesFromTheKbs() throws Exception {
        Map<HubConfig, List<JsonNode>> groups = new LinkedHashMap<>();
        List<JsonNode> otherPlatform = new ArrayList<>();
        for (JsonNode c : registries.expectations().path("cases")) {
            if (c.path("platform").asText().startsWith(hubPlatform())) {
                groups.computeIfAbsent(HubConfig.of(c), k -> new ArrayList<>()).add(c);
            } else {
                otherPlatform.add(c);
            }
        }
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        int hub = 0;
        for (Map.Entry<HubConfig, List<JsonNode>> group : groups.entrySet()) {
            pullOnOneHub(dir.resolve("hub-" + hub++), group.getKey(), group.getValue(), outcomes);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : registries.expectations().path("cases")) {
            String id = c.path("id").asText();
            tests.add(DynamicTest.dynamicTest(id, () -> {
                // The hub pulls for its own platform, as image-rs; other index entries are RegistryExpectationsTest's.
                Assumptions.assumeFalse(otherPlatform.contains(c), "a hub pulls for " + hubPlatform() + " only");
                check(c, outcomes.get(id));
            }));
        }
        return tests.stream();
    }

    private static void pullOnOneHub(Path hubDir, HubConfig config, List<JsonNode> cases, Map<String, Outcome> outcomes)
            throws Exception {
        Files.createDirectories(hubDir);
        Path socket = hubDir.resolve("cdh.sock");
        Path cdhToml = Files.writeString(hubDir.resolve("cdh.toml"), cdhToml(hubDir, socket, config));
        try (ManagedProcess hub = ManagedProcess.start(hubDir, List.of(Dist.launcher("confidential-data-hub"),
                "--config", cdhToml.toString()), Map.of())) {
            hub.awaitReady(() -> Files.exists(socket), Duration.ofSeconds(30));
            try (Connection channel = Transports.connect("unix://" + socket)) {
                ImagePullServiceGrpc.ImagePullServiceBlockingStub pulls = ImagePullServiceGrpc.newBlockingStub(channel.channel());
                ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PULLS);
                try {
                    List<Future<?>> running = new ArrayList<>();
                    for (JsonNode c : cases) {
                        if (c.path("kek").asText("present").equals("present")) {
                            running.add(pool.submit(() -> outcomes.put(c.path("id").asText(), pull(pulls, hubDir, c))));
                        }
                    }
                    for (Future<?> f : running) {
                        f.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
                for (JsonNode c : cases) {
                    String kek = c.path("kek").asText("present");
                    if (!kek.equals("present")) {
                        Path served = dir.resolve("repository").resolve(KEK);
                        Path kept = dir.resolve("image-kek");
                        Files.move(served, kept);
                        try {
                            if (kek.equals("wrong")) {
                                Files.copy(registries.outdir().resolve("kbs/negative/wrong-image-kek"), served);
                            }
                            outcomes.put(c.path("id").asText(), pull(pulls, hubDir, c));
                        } finally {
                            Files.move(kept, served, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
    }

    private static Outcome pull(ImagePullServiceGrpc.ImagePullServiceBlockingStub pulls, Path hubDir, JsonNode c)
            throws IOException {
        Path bundle = Files.createTempDirectory(hubDir, "bundle-");
        ImagePullRequest request = ImagePullRequest.newBuilder().setImageUrl(c.path("image").asText())
                .setBundlePath(bundle.toString()).build();
        try {
            return new Outcome(bundle, pulls.withDeadlineAfter(2, TimeUnit.MINUTES).pullImage(request).getManifestDigest(), null);
        } catch (StatusRuntimeException e) {
            return new Outcome(bundle, null, e);
        }
    }

    private static void check(JsonNode c, Outcome outcome) throws IOException {
        assertNotNull(outcome, "the case was not pulled");
        if (c.path("expect").asText().equals("accept")) {
            assertNull(outcome.refusal(), () -> "refused: " + outcome.refusal().getStatus());
            assertEquals(c.path("manifest_digest").asText(), outcome.digest());
            Path rootfs = outcome.bundle().resolve("rootfs");
            assertEquals(c.path("secret_txt").asText(), Files.readString(rootfs.resolve("secret.txt")));
            JsonNode after = registries.expectations().path("rootfs_after_pull");
            after.path("present").forEach(p -> assertTrue(Files.exists(rootfs.resolve(p.asText())), p.asText()));
            after.path("absent").forEach(p -> assertFalse(Files.exists(rootfs.resolve(p.asText())), p.asText()));
        } else {
            assertNotNull(outcome.refusal(), () -> "pulled " + outcome.digest() + ", expected a refusal");
            Status status = outcome.refusal().getStatus();
            String stage = c.path("refused_at").asText();
            String description = String.valueOf(status.getDescription());
            assertTrue(description.startsWith("pull image failed (" + stage + "): "), description);
            assertFalse(description.contains("\n"), "the reason is one line: " + description);
            assertEquals(stage.equals("policy") ? Status.Code.PERMISSION_DENIED : Status.Code.INTERNAL, status.getCode());
            try (Stream<Path> left = Files.list(outcome.bundle())) {
                assertEquals(List.of(), left.toList(), "a refused pull leaves the bundle empty");
            }
        }
    }

    private static String cdhToml(Path hubDir, Path socket, HubConfig config) throws IOException {
        StringBuilder toml = new StringBuilder("socket = \"unix://" + socket + "\"\n")
                .append("[kbc]\nname = \"cc_kbc\"\nurl = \"").append(kbs.url()).append("\"\n")
                .append("[aa]\naa_socket = \"unix://").append(aaSocket).append("\"\n")
                .append("[image]\nwork_dir = \"").append(hubDir.resolve("image-work")).append("\"\n")
                .append("sigstore_config_uri = \"kbs:///default/sigstore-config/test\"\n");
        optional(toml, "image_security_policy_uri", config.policyUri());
        optional(toml, "authenticated_registry_credentials_uri", config.credentialsUri());
        optional(toml, "registry_configuration_uri", config.registryConfig());
        List<String> roots = new ArrayList<>();
        for (String root : config.roots()) {
            roots.add("'''\n" + Files.readString(registries.outdir().resolve(root)) + "'''");
        }
        return toml.append("extra_root_certificates = [").append(String.join(", ", roots)).append("]\n").toString();
    }

    private static void optional(StringBuilder toml, String key, String value) {
        if (value != null) {
            toml.append(key).append(" = \"").append(value).append("\"\n");
        }
    }

    private static String text(JsonNode c, String field) {
        return c.path(field).isTextual() ? c.path(field).asText() : null;
    }

    /** The platform the hub's JVM pulls for, as {@code os/architecture}. */
    private static String hubPlatform() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return "linux/" + switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
