package io.github.coco4j.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.testing.InitDataVectors;
import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import io.github.coco4j.initdata.Annotation;
import io.github.coco4j.initdata.Initdata;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boot provisioning against a real swtpm: files, digest, PCR8 once, and failing closed. */
class ProvisionerTest {
    private static final String ZERO = "0".repeat(64);
    private static final Set<String> CONFIGURATION = Set.of("aa.toml", "cdh.toml", "policy.rego", "initdata.digest");

    @TempDir
    Path dir;
    Swtpm swtpm;
    Path out;

    @BeforeEach
    void start() throws Exception {
        swtpm = Swtpm.start(dir);
        out = dir.resolve("run-peerpod");
    }

    @AfterEach
    void stop() {
        swtpm.close();
    }

    static String userData(String annotation) {
        return "#cloud-config\nwrite_files:\n- path: /run/peerpod/initdata\n  content: " + annotation
                + "\n- path: /run/peerpod/apf.json\n  content: '{\"pod-network\": {}}'\n"
                + "- path: /etc/shadow\n  content: not allowed\n";
    }

    private Path userDataFile(String content) throws Exception {
        return Files.writeString(dir.resolve("user-data"), content);
    }

    private Provisioner provisioner(UserDataSource source) {
        return new Provisioner(Optional.ofNullable(source), out, TpmAddress.parse(swtpm.address()),
                Duration.ofSeconds(2), Duration.ofMillis(100));
    }

    private static UserDataSource file(Path path) {
        return Sources.resolve("file:" + path, null).orElseThrow();
    }

    private String pcr8() throws Exception {
        return Tpm2Tools.pcrRead(swtpm, 8);
    }

    private Set<String> files() throws Exception {
        if (!Files.exists(out)) {
            return Set.of();
        }
        try (Stream<Path> list = Files.list(out)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void provisionsTheWorkshopInitdataAndExtendsPcr8Once() throws Exception {
        JsonNode vector = InitDataVectors.vector("workshop-initdata");
        Initdata initdata = Initdata.parse(vector.get("toml").asText().getBytes(StandardCharsets.UTF_8));
        Path userData = userDataFile(userData(vector.get("annotation_gzip_base64").asText()));

        Provisioner.Result first = provisioner(file(userData)).run();

        String expected = vector.get("pcr8_sha256_after_one_extend_from_zero_hex").asText();
        assertTrue(first.extended());
        assertEquals(expected, pcr8(), "tpm2_pcrread sees the predicted PCR8");
        try (TpmService tpm = TpmService.open(TpmAddress.parse(swtpm.address()))) {
            assertEquals(expected, HexFormat.of().formatHex(tpm.readPcr(8)), "and so does TSS.Java");
        }
        for (String key : List.of("aa.toml", "cdh.toml", "policy.rego")) {
            assertEquals(initdata.data().get(key), Files.readString(out.resolve(key)), key);
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(out.resolve(key))));
        }
        assertEquals(vector.get("digest_hex").asText(), Files.readString(out.resolve("initdata.digest")));
        assertEquals("{\"pod-network\": {}}", Files.readString(out.resolve("apf.json")));
        assertFalse(files().contains("shadow"));

        Provisioner.Result second = provisioner(file(userData)).run();
        assertFalse(second.extended());
        assertEquals(expected, pcr8(), "a second run does not extend again");
        assertTrue(files().containsAll(CONFIGURATION));
    }

    @Test
    void aLostRecordDoesNotCauseASecondExtend() throws Exception {
        JsonNode vector = InitDataVectors.vector("caa-provision-test");
        Path userData = userDataFile(userData(vector.get("annotation_gzip_base64").asText()));
        provisioner(file(userData)).run();
        Files.delete(out.resolve(Pcr8Measurement.RECORD));

        assertFalse(provisioner(file(userData)).run().extended());
        assertEquals(vector.get("pcr8_sha256_after_one_extend_from_zero_hex").asText(), pcr8());
    }

    @Test
    void aBadAnnotationLeavesPcr8AtZeroAndNoConfiguration() throws Exception {
        Path userData = userDataFile(userData("H4sIAAAAnotgzip"));
        ProvisionException e = assertThrows(ProvisionException.class, () -> provisioner(file(userData)).run());
        assertTrue(e.getMessage().contains("annotation"), e.getMessage());
        assertEquals(ZERO, pcr8());
        assertTrue(files().stream().noneMatch(CONFIGURATION::contains), files().toString());
    }

    @Test
    void invalidInitdataLeavesPcr8AtZeroAndNoConfiguration() throws Exception {
        String annotation = Annotation.encode("algorithm = \"sha1\"\nversion = \"0.1.0\"\n[data]\n".getBytes(StandardCharsets.UTF_8));
        Path userData = userDataFile(userData(annotation));
        ProvisionException e = assertThrows(ProvisionException.class, () -> provisioner(file(userData)).run());
        assertTrue(e.getMessage().contains("'sha1'"), e.getMessage());
        assertEquals(ZERO, pcr8());
        assertTrue(files().stream().noneMatch(CONFIGURATION::contains));
    }

    @Test
    void otherInitdataLaterInTheSameBootIsRefusedAndRemovesTheConfiguration() throws Exception {
        Path userData = userDataFile(userData(InitDataVectors.vector("workshop-initdata").get("annotation_gzip_base64").asText()));
        provisioner(file(userData)).run();
        String measured = pcr8();
        Path other = userDataFile(userData(InitDataVectors.vector("seed-attestation-example").get("annotation_gzip_base64").asText()));

        ProvisionException e = assertThrows(ProvisionException.class, () -> provisioner(file(other)).run());
        assertTrue(e.getMessage().contains("other initdata"), e.getMessage());
        assertEquals(measured, pcr8());
        assertTrue(files().stream().noneMatch(CONFIGURATION::contains));
    }

    @Test
    void anErrorInARerunStillRemovesTheEarlierConfiguration() throws Exception {
        Path userData = userDataFile(userData(InitDataVectors.vector("workshop-initdata").get("annotation_gzip_base64").asText()));
        provisioner(file(userData)).run();
        UserDataSource exhausted = new UserDataSource() {
            @Override
            public String name() {
                return "exhausted";
            }

            @Override
            public byte[] fetch(Duration timeout) {
                throw new OutOfMemoryError("Java heap space");
            }
        };

        assertThrows(OutOfMemoryError.class, () -> provisioner(exhausted).run());
        assertTrue(files().stream().noneMatch(CONFIGURATION::contains), files().toString());
    }

    /** A 10 MB scalar once took the YAML parser 92 s; now nothing over the bound is parsed. */
    @Test
    void userDataOverTheBoundIsRefusedAtOnceWithoutPcr8OrConfiguration() throws Exception {
        Path userData = userDataFile("#cloud-config\nwrite_files:\n- path: /run/peerpod/aa.toml\n  content: "
                + "x".repeat(10_000_000) + "\n");
        Provisioner provisioner = new Provisioner(Optional.of(file(userData)), out, TpmAddress.parse(swtpm.address()), Duration.ofSeconds(60),
                Duration.ofMillis(100));
        long start = System.nanoTime();
        ProvisionException e = assertThrows(ProvisionException.class, provisioner::run);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "not retried until the deadline");
        assertTrue(e.getMessage().contains("is larger than 1048576 bytes"), e.getMessage());
        assertEquals(ZERO, pcr8());
        assertTrue(files().stream().noneMatch(CONFIGURATION::contains));
    }

    @Test
    void aMissingUserDataFileFailsAfterTheTimeout() throws Exception {
        ProvisionException e = assertThrows(ProvisionException.class, () -> provisioner(file(dir.resolve("absent"))).run());
        assertTrue(e.getMessage().startsWith("no user-data from file:"), e.getMessage());
        assertEquals(ZERO, pcr8());
    }

    @Test
    void anUnreachableTpmFailsClosed() throws Exception {
        Path userData = userDataFile(userData(InitDataVectors.vector("workshop-initdata").get("annotation_gzip_base64").asText()));
        Provisioner provisioner = new Provisioner(Optional.of(file(userData)), out, TpmAddress.parse("tcp:127.0.0.1:1"),
                Duration.ofSeconds(1), Duration.ofMillis(100));
        ProvisionException e = assertThrows(ProvisionException.class, provisioner::run);
        assertTrue(e.getMessage().contains("cannot connect to the TPM"), e.getMessage());
        assertTrue(files().stream().noneMatch(CONFIGURATION::contains));
    }

    @Test
    void noInitdataMeasuresUpstreamsPlaceholder() throws Exception {
        JsonNode placeholder = InitDataVectors.vector("caa-dummy");
        Provisioner.Result result = provisioner(null).run();
        assertEquals(placeholder.get("digest_hex").asText(), HexFormat.of().formatHex(result.initdata().digest()));
        assertEquals(placeholder.get("pcr8_sha256_after_one_extend_from_zero_hex").asText(), pcr8());
        assertArrayEquals(placeholder.get("toml").asText().getBytes(StandardCharsets.UTF_8),
                Annotation.decode(Files.readString(out.resolve("initdata"))));
        assertEquals("", Files.readString(out.resolve("aa.toml")));
    }

    @Test
    void anAnnotationSourceAndNoTpmWhereThePlatformBindsInitdata() throws Exception {
        JsonNode vector = InitDataVectors.vector("seed-attestation-example");
        Path annotation = Files.writeString(dir.resolve("annotation"), vector.get("annotation_gzip_base64").asText() + "\n");
        Provisioner.Result result = new Provisioner(Sources.resolve("initdata:" + annotation, null), out,
                TpmAddress.parse("none"), Duration.ofSeconds(1), Duration.ofMillis(100)).run();
        assertTrue(result.pcr8().isEmpty());
        assertEquals(vector.get("digest_hex").asText(), Files.readString(out.resolve("initdata.digest")));
        assertEquals(ZERO, pcr8(), "--tpm none touches no TPM");
    }
}
