package io.github.coco4j.aa.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.aa.client.AttestationAgentClient;
import io.github.coco4j.aa.client.AttestationAgentException;
import io.github.coco4j.aa.evidence.HclReport;
import io.github.coco4j.aa.testing.HclReports;
import io.github.coco4j.devplatform.ImdsStandIn;
import io.github.coco4j.testing.InitDataVectors;
import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import io.github.coco4j.initdata.Pcr8;
import io.github.coco4j.proto.aa.RuntimeMeasurementResult;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationAgentDaemonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIN = AttestationAgentDaemon.class.getName();
    @TempDir
    Path dir;

    private ManagedProcess startDaemon(Path socket, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--socket", "unix://" + socket, "--platform-root",
                dir.resolve("root").toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--initdata-digest")) {
            args.addAll(List.of("--initdata-digest", dir.resolve("no-digest").toString()));
        }
        ManagedProcess daemon = ManagedProcess.java(dir, MAIN, args);
        daemon.awaitReady(() -> Files.exists(socket), Duration.ofSeconds(30));
        return daemon;
    }

    @Test
    void sampleDaemonServesEvidenceTeeTypeAndRefusesTokensWithoutAKbs() throws Exception {
        Path socket = dir.resolve("aa/aa.sock");
        try (ManagedProcess daemon = startDaemon(socket, "--tee", "sample");
             AttestationAgentClient client = AttestationAgentClient.connect("unix://" + socket, Duration.ofSeconds(20))) {
            assertTrue(daemon.isAlive());
            assertEquals("sample", client.teeType());
            JsonNode evidence = JSON.readTree(client.evidence("hello".getBytes(StandardCharsets.UTF_8)));
            assertEquals("1", evidence.get("svn").asText());
            assertEquals("hello", new String(Base64.getDecoder().decode(evidence.get("report_data").asText()),
                    StandardCharsets.UTF_8));
            AttestationAgentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    AttestationAgentException.class, () -> client.token("kbs"));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains("no KBS configured"), e.getMessage());
            assertEquals(RuntimeMeasurementResult.NOT_ENABLED,
                    client.extendRuntimeMeasurement("domain", "op", "content", null));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        }
        assertTrue(!Files.exists(socket), "the socket is removed on shutdown");
    }

    @Test
    void unknownTokenTypeIsAnInvalidArgument() throws Exception {
        Path socket = dir.resolve("aa.sock");
        Path config = Files.writeString(dir.resolve("aa.toml"), "[token_configs.kbs]\nurl = \"http://127.0.0.1:9\"\n");
        try (ManagedProcess daemon = startDaemon(socket, "--tee", "sample", "--config", config.toString());
             AttestationAgentClient client = AttestationAgentClient.connect("unix://" + socket, Duration.ofSeconds(20))) {
            AttestationAgentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    AttestationAgentException.class, () -> client.token("coco_as"));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
            assertTrue(daemon.isAlive());
        }
    }

    @Test
    void tdxDaemonStartsOnlyWhenMrConfigIdBindsTheInitData() throws Exception {
        Path measurements = Files.createDirectories(dir.resolve("root/sys/devices/virtual/misc/tdx_guest/measurements"));
        Path digest = Files.writeString(dir.resolve("initdata.digest"),
                HexFormat.of().formatHex(InitDataVectors.digest("workshop-initdata")));

        Files.write(measurements.resolve("mrconfigid"), new byte[48]);
        ManagedProcess refused = ManagedProcess.java(dir, MAIN, List.of("--tee", "tdx", "--socket",
                "unix://" + dir.resolve("refused.sock"), "--platform-root", dir.resolve("root").toString(),
                "--initdata-digest", digest.toString()));
        assertEquals(1, refused.waitFor(Duration.ofSeconds(30)));
        List<String> lines = refused.stderr().lines().filter(l -> l.startsWith("attestation-agent:")).toList();
        assertEquals(1, lines.size(), refused.stderr());
        assertTrue(lines.get(0).contains("initdata is not bound by the hardware"), lines.get(0));
        assertTrue(!Files.exists(dir.resolve("refused.sock")));

        Files.write(measurements.resolve("mrconfigid"), InitDataVectors.tdxMrConfigId("workshop-initdata"));
        Path socket = dir.resolve("bound.sock");
        try (ManagedProcess daemon = startDaemon(socket, "--tee", "tdx", "--initdata-digest", digest.toString());
             AttestationAgentClient client = AttestationAgentClient.connect("unix://" + socket, Duration.ofSeconds(20))) {
            assertEquals("tdx", client.teeType());
            assertTrue(daemon.stderr().contains("initdata binding verified"), daemon.stderr());
        }
    }

    @Test
    void onAnAzureSnpVtpmTheDaemonDetectsItChecksPcr8AndMeasuresIntoPcrs() throws Exception {
        byte[] digest = InitDataVectors.digest("workshop-initdata");
        Path digestFile = Files.writeString(dir.resolve("initdata.digest"), HexFormat.of().formatHex(digest));
        // PCR 17, the default, is a DRTM PCR that locality 0 cannot extend; 23 is the application's.
        Path config = Files.writeString(dir.resolve("aa.toml"),
                "[eventlog_config]\ninit_pcr = 23\nenable_eventlog = true\n");
        byte[] reportData = new byte[48];
        try (Swtpm swtpm = Swtpm.start(dir);
             ImdsStandIn imds = new ImdsStandIn(HclReports.recordedCertificationPem(), null, null)) {
            TpmAddress tpm = TpmAddress.parse(swtpm.address());
            HclReports.provision(tpm, HclReport.SNP_REPORT_TYPE, HclReports.recordedSnpReport(),
                    HclReports.provisionAk(tpm), reportData);
            try (TpmService service = TpmService.open(tpm)) {
                service.extendPcr(Pcr8.INDEX, Pcr8.extendValue(digest));
            }
            Path socket = dir.resolve("az.sock");
            try (ManagedProcess daemon = startDaemon(socket, "--tpm", swtpm.address(), "--azure-imds",
                    imds.url().toString(), "--initdata-digest", digestFile.toString(), "--config", config.toString());
                 AttestationAgentClient client = AttestationAgentClient.connect("unix://" + socket,
                         Duration.ofSeconds(20))) {
                assertEquals("az-snp-vtpm", client.teeType());
                assertTrue(daemon.stderr().contains("initdata binding verified"), daemon.stderr());
                JsonNode evidence = JSON.readTree(client.evidence(reportData));
                assertEquals(2, evidence.get("version").asInt());
                assertTrue(evidence.get("vcek").asText().length() > 1000);
                assertEquals(RuntimeMeasurementResult.OK,
                        client.extendRuntimeMeasurement("domain", "op", "content", null));
                assertTrue(!Tpm2Tools.pcrRead(swtpm, 23).equals("0".repeat(64)), "the event went into PCR23");
            }
        }
    }

    @Test
    void badConfigurationExitsWithOneLine() throws Exception {
        Path config = Files.writeString(dir.resolve("aa.toml"),
                "[token_configs.kbs]\nurl = \"http://kbs\"\ntee_key_algorithm = \"RSA1_5\"\n");
        ManagedProcess daemon = ManagedProcess.java(dir, MAIN, List.of("--config", config.toString(), "--socket",
                "unix://" + dir.resolve("x.sock")));
        assertEquals(1, daemon.waitFor(Duration.ofSeconds(30)));
        assertEquals(1, daemon.stderr().lines().count(), daemon.stderr());
        assertTrue(daemon.stderr().contains("tee_key_algorithm 'RSA1_5'"), daemon.stderr());
    }
}
