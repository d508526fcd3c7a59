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
 * hub reads its configuration once: 15 hubs), all at once.
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

    /** A hub and, once it serves, its stub; closing stops it. */
    private static final class Hub implements AutoCloseable {
        private final Path dir;
        private final ManagedProcess process;
        private Connection connection;
        private ImagePullServiceGrpc.ImagePullServiceBlockingStub pulls;

        Hub(Path dir, HubConfig config) throws Exception {
            this.dir = Files.createDirectories(dir);
            Path cdhToml = Files.writeString(dir.resolve("cdh.toml"), cdhToml(dir, socket(), config));
            this.process = ManagedProcess.start(dir, List.of(Dist.launcher("confidential-data-hub"),
                    "--config", cdhToml.toString()), Map.of());
        }

        private Path socket() {
            return dir.resolve("cdh.sock");
        }

        void connect() throws Exception {
            process.awaitReady(() -> Files.exists(socket()), Duration.ofSeconds(60));
            connection = Transports.connect("unix://" + socket());
            pulls = ImagePullServiceGrpc.newBlockingStub(connection.channel());
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
            }
            process.close();
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
        List<Hub> hubs = new ArrayList<>();
        try {
            // All hubs start together, so their JVMs' start-up overlaps instead of adding up.
            for (HubConfig config : groups.keySet()) {
                hubs.add(new Hub(dir.resolve("hub-" + hubs.size()), config));
            }
            for (Hub hub : hubs) {
                hub.connect();
            }
            pullAll(hubs, new ArrayList<>(groups.values()), outcomes);
        } finally {
            hubs.forEach(Hub::close);
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

    /**
     * The cases with the KEK in place, {@link #PARALLEL_PULLS} at a time over all hubs; then those
     * with the KEK absent or wrong, one at a time, the KBS's KEK file removed or replaced for each.
     */
    private static void pullAll(List<Hub> hubs, List<List<JsonNode>> groups, Map<String, Outcome> outcomes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PULLS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < hubs.size(); i++) {
                Hub hub = hubs.get(i);
                for (JsonNode c : groups.get(i)) {
                    if (c.path("kek").asText("present").equals("present")) {
                        running.add(pool.submit(() -> outcomes.put(c.path("id").asText(), pull(hub, c))));
                    }
                }
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Path served = dir.resolve("repository").resolve(KEK);
        Path kept = dir.resolve("image-kek");
        for (int i = 0; i < hubs.size(); i++) {
            for (JsonNode c : groups.get(i)) {
                String kek = c.path("kek").asText("present");
                if (!kek.equals("present")) {
                    Files.move(served, kept);
                    try {
                        if (kek.equals("wrong")) {
                            Files.copy(registries.outdir().resolve("kbs/negative/wrong-image-kek"), served);
                        }
                        outcomes.put(c.path("id").asText(), pull(hubs.get(i), c));
                    } finally {
                        Files.move(kept, served, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static Outcome pull(Hub hub, JsonNode c) throws IOException {
        Path bundle = Files.createTempDirectory(hub.dir, "bundle-");
        ImagePullRequest request = ImagePullRequest.newBuilder().setImageUrl(c.path("image").asText())
                .setBundlePath(bundle.toString()).build();
        try {
            return new Outcome(bundle, hub.pulls.withDeadlineAfter(2, TimeUnit.MINUTES).pullImage(request).getManifestDigest(), null);
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
