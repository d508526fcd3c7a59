package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.ttrpc.testing.KataTtrpc;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.proto.cdh.GetResourceRequest;
import io.github.coco4j.proto.cdh.GetResourceServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data hub between real processes: the development KBS (with a Rego resource policy), the
 * attestation agent (sample attester) and the confidential-data-hub launcher; a resource goes
 * through RCAR, the Bearer GET and the JWE to the hub's gRPC client.
 */
class ConfidentialDataHubIT {
    @TempDir
    Path dir;

    @Test
    void resourcesFromTheKbsReachTheHubsClients() throws Exception {
        Files.createDirectories(dir.resolve("repository/default/kbsres1"));
        Files.writeString(dir.resolve("repository/default/kbsres1/key1"), "value of key1");
        Files.writeString(dir.resolve("policy.rego"), """
                package policy
                import rego.v1
                default allow := false
                allow if data["resource-path"][0] == "default"
                """);
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path config = KbsProcess.config(dir, port, """

                [policy_engine]
                policy_path = "policy.rego"

                [development]
                allow_sample_evidence = true
                """);
        KbsProcess kbs = KbsProcess.start(dir, config);
        try {
            Path aaSocket = dir.resolve("aa.sock");
            Path cdhSocket = dir.resolve("cdh.sock");
            Path cdhToml = Files.writeString(dir.resolve("cdh.toml"), "socket = \"unix://" + cdhSocket + "\"\n"
                    + "credentials = []\n[aa]\naa_socket = \"unix://" + aaSocket + "\"\n"
                    + "[kbc]\nname = \"cc_kbc\"\nurl = \"" + kbs.url() + "\"\n");
            try (ManagedProcess agent = SampleAttestationAgent.start(dir, kbs.url(), aaSocket);
                 ManagedProcess hub = ManagedProcess.start(dir, List.of(Dist.launcher("confidential-data-hub"),
                         "--config", cdhToml.toString()), Map.of())) {
                agent.awaitReady(() -> Files.exists(aaSocket), Duration.ofSeconds(30));
                hub.awaitReady(() -> Files.exists(cdhSocket), Duration.ofSeconds(30));
                // Upstream's callers speak ttrpc through containerd's library: the same answers to its client.
                KataTtrpc ttrpc = KataTtrpc.build(Path.of(System.getProperty("coco4j.root"), "proto/protocols/src/main/proto"));
                KataTtrpc.Result tee = ttrpc.call("unix://" + aaSocket, "attestation_agent.AttestationAgentService.GetTeeType", "{}");
                assertEquals("{\"tee\":\"sample\"}", tee.stdout().strip(), tee.toString());
                KataTtrpc.Result resource = ttrpc.call("unix://" + cdhSocket, "api.GetResourceService.GetResource",
                        "{\"ResourcePath\":\"kbs:///default/kbsres1/key1\"}");
                assertEquals("{\"Resource\":\"" + java.util.Base64.getEncoder().encodeToString("value of key1".getBytes())
                        + "\"}", resource.stdout().strip(), resource.toString());
                try (Connection channel = Transports.connect("unix://" + cdhSocket)) {
                    GetResourceServiceGrpc.GetResourceServiceBlockingStub cdh = GetResourceServiceGrpc.newBlockingStub(channel.channel());
                    assertEquals("value of key1", cdh.getResource(request("kbs:///default/kbsres1/key1")).getResource().toStringUtf8());
                    assertEquals("value of key1", cdh.getResource(request("kbs://other-host:1234/default/kbsres1/key1"))
                            .getResource().toStringUtf8());
                    StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                            () -> cdh.getResource(request("kbs:///default/kbsres1/key2")));
                    assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
                    StatusRuntimeException denied = assertThrows(StatusRuntimeException.class,
                            () -> cdh.getResource(request("kbs:///other/kbsres1/key1")));
                    assertEquals(Status.Code.INTERNAL, denied.getStatus().getCode());
                    assertTrue(denied.getStatus().getDescription().contains("401"), denied.getStatus().getDescription());
                    StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class,
                            () -> cdh.getResource(request("kbs:///default/../../etc/passwd")));
                    assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());

                    kbs.close();
                    StatusRuntimeException gone = assertThrows(StatusRuntimeException.class,
                            () -> cdh.getResource(request("kbs:///default/kbsres1/key1")));
                    assertTrue(gone.getStatus().getDescription().contains("unreachable"), gone.getStatus().getDescription());
                    // Back at the same address, with a new token key: the agent's cached token is refused,
                    // so the hub attests itself with the agent's evidence.
                    kbs = KbsProcess.start(dir, config);
                    assertEquals("value of key1", cdh.getResource(request("kbs:///default/kbsres1/key1")).getResource().toStringUtf8());
                }
                assertTrue(!hub.stdout().contains("value of key1") && !hub.stderr().contains("value of key1"),
                        "the hub never logs a resource");
            }
        } finally {
            kbs.close();
        }
    }

    private static GetResourceRequest request(String uri) {
        return GetResourceRequest.newBuilder().setResourcePath(uri).build();
    }
}
