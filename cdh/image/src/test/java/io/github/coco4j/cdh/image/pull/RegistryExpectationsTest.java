package io.github.coco4j.cdh.image.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.config.ImagePullConfig;
import io.github.coco4j.cdh.image.manifest.Platform;
import io.github.coco4j.cdh.image.registry.ProxySettings;
import io.github.coco4j.cdh.image.registry.RegistryRules;
import io.github.coco4j.cdh.image.reference.Digest;
import io.github.coco4j.cdh.image.resource.Resources;
import io.github.coco4j.testing.TestRegistries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the test registries' {@code registry-expectations.json} through the puller, with the
 * KBS resources in their offline_fs_kbc form: accepted pulls give the expected {@code /secret.txt}
 * with the whiteouts applied, refused ones fail at the stated stage and leave the bundle empty.
 * Cases listed in {@code image/expectation-skips.txt} are skipped with their reason.
 */
class RegistryExpectationsTest {
    private static TestRegistries registries;
    private static Map<String, String> skips;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(TestRegistries.available(), "the test registries need root to be built");
        registries = TestRegistries.start();
        skips = readSkips();
    }

    @AfterAll
    static void stop() {
        if (registries != null) {
            registries.close();
        }
    }

    private static Map<String, String> readSkips() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = RegistryExpectationsTest.class.getResourceAsStream("/image/expectation-skips.txt")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split(" \\| ", 2);
                    out.put(parts[0].strip(), parts[1].strip());
                }
            }
        }
        return out;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        registries.expectations().path("cases").forEach(c -> out.add(Arguments.of(c.path("id").asText(), c)));
        return out.stream();
    }

    @Test
    void everySkipNamesACase() {
        List<String> ids = new ArrayList<>();
        registries.expectations().path("cases").forEach(c -> ids.add(c.path("id").asText()));
        skips.keySet().forEach(id -> assertTrue(ids.contains(id), "skip list names no such case: " + id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pull(String id, JsonNode c) throws Exception {
        Assumptions.assumeFalse(skips.containsKey(id), () -> "skipped: " + skips.get(id));
        Path outdir = registries.outdir();
        ImagePuller puller = new ImagePuller(PullContext.build(config(c, outdir), resources(c, outdir), Verifiers::standard),
                Platform.parse(c.path("platform").asText()));
        Path bundle = Files.createTempDirectory(work, "bundle-");
        if (c.path("expect").asText().equals("accept")) {
            Digest digest = puller.pull(c.path("image").asText(), bundle);
            assertEquals(c.path("manifest_digest").asText(), digest.toString());
            Path rootfs = bundle.resolve("rootfs");
            assertEquals(c.path("secret_txt").asText(), Files.readString(rootfs.resolve("secret.txt")));
            assertTrue(Files.isRegularFile(bundle.resolve("config.json")), "the bundle's runtime config");
            JsonNode after = registries.expectations().path("rootfs_after_pull");
            // The arm64 entry of plain:multi is data only (no busybox); the other files are in every image.
            after.path("present").forEach(p -> assertTrue(Files.exists(rootfs.resolve(p.asText()))
                    || !c.path("platform").asText().equals("linux/amd64"), p.asText()));
            after.path("absent").forEach(p -> assertFalse(Files.exists(rootfs.resolve(p.asText())), p.asText()));
        } else {
            ImageException refused = assertThrows(ImageException.class, () -> puller.pull(c.path("image").asText(), bundle));
            assertEquals(c.path("refused_at").asText().toUpperCase(), refused.stage().name(), refused.getMessage());
            try (Stream<Path> left = Files.list(bundle)) {
                assertEquals(List.of(), left.toList(), "a refused pull leaves the bundle empty");
            }
        }
    }

    private static ImagePullConfig config(JsonNode c, Path outdir) throws IOException {
        List<String> roots = new ArrayList<>();
        for (JsonNode ca : c.path("extra_root_certificates")) {
            roots.add(Files.readString(outdir.resolve(ca.asText())));
        }
        ImagePullConfig d = ImagePullConfig.defaults();
        return new ImagePullConfig(work.resolve("work"), text(c, "policy_uri"), Optional.empty(),
                Optional.of("kbs:///default/sigstore-config/test"), Optional.empty(), text(c, "credentials_uri"),
                text(c, "registry_config"), Optional.<RegistryRules>empty(), d.maxConcurrentLayerDownloads(), ProxySettings.NONE,
                roots, d.limits());
    }

    private static Optional<String> text(JsonNode c, String field) {
        return c.path(field).isTextual() ? Optional.of(c.path(field).asText()) : Optional.empty();
    }

    /** The offline_fs_kbc resources, with the KEK removed or replaced as the case says. */
    private static Resources resources(JsonNode c, Path outdir) throws IOException {
        JsonNode offline = new ObjectMapper().readTree(outdir.resolve("kbs/aa-offline_fs_kbc-resources.json").toFile());
        Map<String, byte[]> map = new HashMap<>();
        offline.fields().forEachRemaining(e -> map.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
        String kek = c.path("kek").asText("present");
        if (kek.equals("absent")) {
            map.remove("default/key/image-kek");
        } else if (kek.equals("wrong")) {
            map.put("default/key/image-kek", Files.readAllBytes(outdir.resolve("kbs/negative/wrong-image-kek")));
        }
        return new Resources(uri -> {
            byte[] value = map.get(uri.replaceFirst("^kbs://[^/]*/", ""));
            if (value == null) {
                throw new IOException("resource " + uri + " not found");
            }
            return value;
        });
    }
}
