package io.github.coco4j.initdata.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.testing.InitDataVectors;
import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The initdata command line, run in-process with its real parsing, output and exit codes. */
class InitdataCliTest {
    static final String CURL = "curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1";

    @TempDir
    Path dir;
    Path workshop;
    JsonNode vector;

    record Run(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InitdataCli.execute(out, err, args);
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void workshopInitdata() throws Exception {
        vector = InitDataVectors.vector("workshop-initdata");
        workshop = Files.writeString(dir.resolve("initdata.toml"), vector.get("toml").asText());
    }

    @Test
    void digestPcr8AndPlatformForms() {
        assertEquals(vector.get("digest_hex").asText() + "\n", run("digest", workshop.toString()).out());
        assertEquals(vector.get("tdx_mrconfigid_b64").asText() + "\n", run("digest", "--platform", "tdx", workshop.toString()).out());
        assertEquals(vector.get("snp_hostdata_b64").asText() + "\n", run("digest", "--platform", "SNP", workshop.toString()).out());
        assertEquals(vector.get("pcr8_sha256_after_one_extend_from_zero_hex").asText() + "\n", run("pcr8", workshop.toString()).out());
    }

    @Test
    void encodeDecodeAndShowAcceptFilesAndAnnotations() throws Exception {
        String annotation = run("encode", workshop.toString()).out().strip();
        assertArrayEquals(Files.readAllBytes(workshop), run("decode", annotation).stdout());
        Path annotationFile = Files.writeString(dir.resolve("initdata"), annotation);
        assertArrayEquals(Files.readAllBytes(workshop), run("decode", annotationFile.toString()).stdout());
        assertEquals(run("digest", workshop.toString()).out(), run("digest", annotationFile.toString()).out());

        String show = run("show", vector.get("annotation_gzip_base64").asText()).out();
        assertTrue(show.contains("version:   0.1.0\n"));
        assertTrue(show.contains("algorithm: sha256\n"));
        assertTrue(show.contains("digest:    " + vector.get("digest_hex").asText() + "\n"));
        assertTrue(show.contains("pcr8:      " + vector.get("pcr8_sha256_after_one_extend_from_zero_hex").asText() + "\n"));
        assertTrue(show.contains("data:      aa.toml, cdh.toml, policy.rego\n"));
    }

    @Test
    void errorsAreOneLineWithANonZeroStatus() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.toml"), "algorithm = \"sha256\"\nversion = \"9\"\n[data]\n");
        Run invalid = run("digest", bad.toString());
        assertEquals(1, invalid.status());
        assertEquals("initdata: initdata version '9' is not supported (expected \"0.1.0\")\n", invalid.stderr());

        Run missing = run("pcr8", dir.resolve("absent.toml").toString());
        assertEquals(1, missing.status());
        assertEquals(1, missing.stderr().lines().count(), missing.stderr());

        Run usage = run("digest", "--platform", "sgx", workshop.toString());
        assertEquals(1, usage.status());
        assertEquals("initdata: unknown platform 'sgx' (tdx, snp, cca or se)\n", usage.stderr());

        Run noArgs = run("pcr8");
        assertEquals(2, noArgs.status());
        assertEquals(1, noArgs.stderr().lines().count(), noArgs.stderr());

        Run badPcr = run("pcr8", "--initial-pcr", "xyz", workshop.toString());
        assertEquals("initdata: --initial-pcr must be 64 hex digits (a sha256 PCR value)\n", badPcr.stderr());
    }

    @Test
    void helpIsAvailableEverywhere() {
        Run help = run("--help");
        assertEquals(0, help.status());
        for (String sub : List.of("digest", "pcr8", "encode", "decode", "show", "reference-values", "allow-exec", "provision")) {
            assertTrue(help.out().contains(sub), sub);
            assertEquals(0, run(sub, "--help").status(), sub);
        }
    }

    /** The seed's shell pipeline for the reference value, run for real. */
    static String shellFormulaPcr8(Path toml) throws Exception {
        String script = "hash=$(sha256sum \"$1\" | cut -d' ' -f1); "
                + "initial_pcr=0000000000000000000000000000000000000000000000000000000000000000; "
                + "echo -n \"$initial_pcr$hash\" | xxd -r -p | sha256sum | cut -d' ' -f1";
        Process process = new ProcessBuilder("bash", "-c", script, "pcr8", toml.toString()).start();
        assertEquals(0, process.waitFor());
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void workshopFlowAllowExecAnnotationDecodeAndPcr8() throws Exception {
        Run restricted = run("allow-exec", "--from", workshop.toString(), "--command", CURL, "--command", "uname -r");
        assertEquals(0, restricted.status(), restricted.stderr());
        Path newToml = Files.write(dir.resolve("restricted.toml"), restricted.stdout());

        Run withAnnotation = run("allow-exec", "--from", vector.get("annotation_gzip_base64").asText(),
                "--command", CURL, "--command", "uname -r", "--annotation", "--pcr8");
        List<String> lines = withAnnotation.out().lines().toList();
        assertEquals(2, lines.size(), withAnnotation.out());
        assertArrayEquals(restricted.stdout(), run("decode", lines.get(0)).stdout(), "the annotation decodes to the same TOML");
        assertEquals(shellFormulaPcr8(newToml), lines.get(1), "PCR8 equals the seed's shell formula");
        assertEquals(lines.get(1), run("pcr8", newToml.toString()).out().strip());

        String policy = run("show", newToml.toString()).out();
        assertTrue(policy.contains("data:      aa.toml, cdh.toml, policy.rego"));
        String text = restricted.out();
        assertTrue(text.contains("\"" + CURL + "\""));
        assertTrue(text.contains("\"uname -r\""));
        assertTrue(text.contains("default ExecProcessRequest := false"));
    }

    @Test
    void allowExecNeedsAPolicy() throws Exception {
        Path noPolicy = Files.writeString(dir.resolve("np.toml"), "algorithm = \"sha256\"\nversion = \"0.1.0\"\n[data]\n");
        Run result = run("allow-exec", "--from", noPolicy.toString(), "--command", "ls");
        assertEquals("initdata: the initdata has no \"policy.rego\" to restrict\n", result.stderr());
    }

    @Test
    void referenceValuesReadsAFileOrStartsAnew() throws Exception {
        String pcr8 = vector.get("pcr8_sha256_after_one_extend_from_zero_hex").asText();
        JsonNode fresh = new ObjectMapper().readTree(run("reference-values", "--pcr8", pcr8.toUpperCase()).stdout());
        assertEquals("tpm_pcr08", fresh.get(0).get("name").asText());
        assertEquals(pcr8, fresh.get(0).get("value").get(0).asText());

        Path existing = Files.writeString(dir.resolve("rv.json"),
                "[{\"name\":\"pcr8\",\"expiration\":\"2030-01-01T00:00:00Z\",\"hash-value\":[]}]");
        JsonNode updated = new ObjectMapper().readTree(run("reference-values", "--pcr8", pcr8, "--name", "pcr8", existing.toString()).stdout());
        assertEquals(pcr8, updated.get(0).get("hash-value").get(0).get("value").asText());
        assertEquals(1, updated.size());
    }

    @Test
    void referenceValuesJoinTheImagesPcrsWithPcr8InEitherForm() throws Exception {
        String pcr8 = vector.get("pcr8_sha256_after_one_extend_from_zero_hex").asText();
        String pcr4 = "04".repeat(32);
        String pcr11 = "11".repeat(32);
        Path image = dir.resolve("image.json");
        Files.write(image, run("reference-values", "--pcr", "4=" + pcr4, "--pcr", "11=" + pcr11.toUpperCase()).stdout());

        JsonNode workshopForm = new ObjectMapper().readTree(run("reference-values", "--format", "workshop",
                "--image", image.toString(), "--pcr8", pcr8).stdout());
        assertEquals(List.of("pcr04", "pcr11", "pcr08"), workshopForm.findValuesAsText("name"));
        assertEquals(pcr11, workshopForm.get(1).get("hash-value").get(0).get("value").asText());
        assertEquals(pcr8, workshopForm.get(2).get("hash-value").get(0).get("value").asText());

        Path registered = dir.resolve("workshop.json");
        Files.writeString(registered, workshopForm.toString());
        JsonNode trusteeForm = new ObjectMapper().readTree(run("reference-values", "--format", "trustee",
                "--image", registered.toString()).stdout());
        assertEquals(List.of("tpm_pcr04", "tpm_pcr08", "tpm_pcr11"), trusteeForm.findValuesAsText("name"));
        assertEquals(pcr4, trusteeForm.get(0).get("value").get(0).asText());

        assertEquals("initdata: nothing to register: give --pcr8, --image or --pcr\n", run("reference-values").stderr());
        assertEquals("initdata: --pcr 24: a PCR index is 0 to 23\n", run("reference-values", "--pcr", "24=" + pcr4).stderr());
        Files.writeString(image, "[{\"name\":\"pcr04\",\"value\":[\"zz\"]}]");
        assertEquals("initdata: reference value 'pcr04': 'zz' is not a sha256 value (64 hex digits)\n",
                run("reference-values", "--image", image.toString()).stderr());
    }

    @Test
    void provisionOnSwtpmPrintsWhatItDid() throws Exception {
        try (Swtpm swtpm = Swtpm.start(dir)) {
            Path userData = Files.writeString(dir.resolve("user-data"), "#cloud-config\nwrite_files:\n"
                    + "- path: /run/peerpod/initdata\n  content: " + vector.get("annotation_gzip_base64").asText() + "\n");
            Path out = dir.resolve("peerpod");
            Run provision = run("provision", "--source", "file:" + userData, "--out", out.toString(), "--tpm", swtpm.address());
            assertEquals(0, provision.status(), provision.stderr());
            String pcr8 = vector.get("pcr8_sha256_after_one_extend_from_zero_hex").asText();
            assertTrue(provision.out().contains("pcr8:     " + pcr8 + " (extended)"), provision.out());
            assertEquals(pcr8, Tpm2Tools.pcrRead(swtpm, 8));

            Run bad = run("provision", "--source", "initdata:" + dir.resolve("absent"), "--out", out.toString(),
                    "--tpm", swtpm.address(), "--timeout", "0");
            assertEquals(1, bad.status());
            assertTrue(bad.stderr().startsWith("initdata: no user-data from initdata:"), bad.stderr());
            assertEquals(false, Files.exists(out.resolve("aa.toml")), "a failed run leaves no configuration");
        }
    }
}
