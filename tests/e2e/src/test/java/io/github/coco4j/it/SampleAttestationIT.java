package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.aa.kbs.TeeKeyPair;
import io.github.coco4j.testing.ManagedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers end to end with the sample attester: attestation-agent gets a token from the kbs
 * launcher, aa-client prints it, curl presents it; the default resource policy denies sample
 * evidence, as Trustee's does.
 */
class SampleAttestationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void tokenFromTheAgentIsAcceptedAndSampleEvidenceDeniedResources() throws Exception {
        Files.createDirectories(dir.resolve("repository/default/key"));
        Files.writeString(dir.resolve("repository/default/key/k1"), "secret");
        Path config = KbsProcess.config(dir, """

                [development]
                allow_sample_evidence = true
                """);
        try (KbsProcess kbs = KbsProcess.start(dir, config)) {
            Path socket = dir.resolve("aa.sock");
            try (ManagedProcess agent = SampleAttestationAgent.start(dir, kbs.url(), socket)) {
                agent.awaitReady(() -> Files.exists(socket), Duration.ofSeconds(30));

                assertEquals("sample", run("aa-client", "--socket", "unix://" + socket, "tee").strip());
                JsonNode evidence = JSON.readTree(run("aa-client", "--socket", "unix://" + socket, "evidence",
                        "--runtime-data", "abc"));
                assertEquals("YWJj", evidence.get("report_data").asText());

                JsonNode answer = JSON.readTree(run("aa-client", "--socket", "unix://" + socket, "token"));
                assertEquals(List.of("token", "tee_keypair"), names(answer));
                TeeKeyPair.fromPem(answer.get("tee_keypair").asText());
                String denied = run("curl", "-s", "-w", "\n%{http_code}", "-H", "Authorization: Bearer "
                        + answer.get("token").asText(), kbs.url() + "/kbs/v0/resource/default/key/k1");
                assertTrue(denied.endsWith("\n401"), denied);
                assertTrue(denied.contains("errors/PolicyDeny"), denied);

                String again = JSON.readTree(run("aa-client", "--socket", "unix://" + socket, "token"))
                        .get("token").asText();
                assertEquals(answer.get("token").asText(), again, "the token is cached until it expires");
            }
        }
    }

    @Test
    void clientErrorsAreOneLine() throws Exception {
        ManagedProcess client = ManagedProcess.start(dir, List.of(Dist.launcher("aa-client"), "--socket",
                "unix://" + dir.resolve("nobody.sock"), "tee"), Map.of());
        assertEquals(1, client.waitFor(Duration.ofSeconds(30)));
        assertEquals(1, client.stderr().lines().count(), client.stderr());
        assertTrue(client.stderr().startsWith("aa-client: GetTeeType:"), client.stderr());
    }

    private String run(String command, String... args) throws Exception {
        List<String> line = new java.util.ArrayList<>();
        line.add(command.equals("curl") ? "curl" : Dist.launcher(command));
        line.addAll(List.of(args));
        ManagedProcess process = ManagedProcess.start(dir, line, Map.of());
        int status = process.waitFor(Duration.ofSeconds(60));
        assertEquals(0, status, command + " failed: " + process.stderr());
        return process.stdout();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
