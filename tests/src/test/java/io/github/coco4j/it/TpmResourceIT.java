package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.aa.grpc.GrpcUnixSockets;
import io.github.coco4j.aa.testing.ManagedProcess;
import io.github.coco4j.aa.testing.Swtpm;
import io.github.coco4j.proto.cdh.GetResourceRequest;
import io.github.coco4j.proto.cdh.GetResourceServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workshop end to end on a vTPM, every part a real process: the initdata is measured into a
 * swtpm's PCR8 at boot, its PCR8 is registered with the development KBS, the attestation agent
 * attests with TPM quotes (checked against that PCR8), and the data hub fetches the workshop's
 * secret, which a workload then reads with the workshop's curl from api-server-rest.
 * (KbsTpmVerificationIT covers the refusals: other initdata, another PCR8, a stale nonce.)
 */
class TpmResourceIT {
    @TempDir
    Path dir;

    @Test
    void theWorkshopSecretReachesTheGuestOnlyWithTheRegisteredInitdata() throws Exception {
        Files.createDirectories(dir.resolve("repository/default/kbsres1"));
        Files.writeString(dir.resolve("repository/default/kbsres1/key1"), "workshop secret");
        Path references = dir.resolve("reference-values.json");
        Files.writeString(references, "[]");
        Path config = Files.writeString(dir.resolve("kbs-config.toml"), """
                [http_server]
                sockets = ["127.0.0.1:0"]
                insecure_http = true

                [[plugins]]
                name = "resource"
                type = "LocalFs"
                dir_path = "repository"
                """);
        try (Swtpm swtpm = Swtpm.start(dir);
             KbsProcess kbs = KbsProcess.start(dir, config, "--reference-values", references.toString())) {
            String template = Files.readString(Path.of(System.getProperty("coco4j.root"), "tools/demo/initdata.toml.in"));
            Path initdata = Files.writeString(dir.resolve("initdata.toml"), template.replace("@KBS_URL@", kbs.url().toString()));
            String pcr8 = run("initdata", "pcr8", initdata.toString()).strip();
            Files.writeString(references, "[{\"version\":\"0.1.0\",\"name\":\"tpm_pcr08\",\"expiration\":\"2099-01-01T00:00:00Z\","
                    + "\"value\":[\"" + pcr8 + "\"]}]");
            Path peerpod = dir.resolve("peerpod");
            String annotation = run("initdata", "encode", initdata.toString()).strip();
            Path userData = Files.writeString(dir.resolve("user-data"),
                    "#cloud-config\nwrite_files:\n- path: /run/peerpod/initdata\n  content: " + annotation + "\n");
            run("initdata", "provision", "--source", "file:" + userData, "--out", peerpod.toString(), "--tpm", swtpm.address());

            Path aaSocket = dir.resolve("aa.sock");
            Path cdhSocket = dir.resolve("cdh.sock");
            Path cdhToml = Files.writeString(dir.resolve("cdh.toml"), "socket = \"unix://" + cdhSocket + "\"\n"
                    + "[aa]\naa_socket = \"unix://" + aaSocket + "\"\n[kbc]\nname = \"cc_kbc\"\nurl = \"" + kbs.url() + "\"\n");
            try (ManagedProcess agent = ManagedProcess.start(dir, List.of(Dist.launcher("attestation-agent"),
                    "--config", peerpod.resolve("aa.toml").toString(), "--socket", "unix://" + aaSocket,
                    "--initdata", initdata.toString(), "--tpm", swtpm.address()), Map.of());
                 ManagedProcess hub = ManagedProcess.start(dir, List.of(Dist.launcher("confidential-data-hub"),
                         "--config", cdhToml.toString()), Map.of())) {
                agent.awaitReady(() -> Files.exists(aaSocket), Duration.ofSeconds(30));
                hub.awaitReady(() -> Files.exists(cdhSocket), Duration.ofSeconds(30));
                try (GrpcUnixSockets.Channel channel = GrpcUnixSockets.connect(cdhSocket)) {
                    var cdh = GetResourceServiceGrpc.newBlockingStub(channel.grpc());
                    assertEquals("workshop secret", cdh.getResource(GetResourceRequest.newBuilder()
                            .setResourcePath("kbs:///default/kbsres1/key1").build()).getResource().toStringUtf8());

                }
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket ignored = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private String run(String launcher, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(launcher.equals("curl") ? "curl" : Dist.launcher(launcher)));
        line.addAll(List.of(args));
        ManagedProcess process = ManagedProcess.start(dir, line, Map.of());
        int status = process.waitFor(Duration.ofSeconds(60));
        assertEquals(0, status, launcher + " failed: " + process.stderr());
        return process.stdout();
    }
}
