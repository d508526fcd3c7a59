package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workshop end to end, every part a real process (what {@code ./run demo} shows): the KBS
 * with the workshop's resources and Rego policy; initdata restricted to two exec commands,
 * measured into a swtpm's PCR8 at boot and registered with the KBS; the attestation agent (tpm
 * attester), the data hub and api-server-rest; the agent running {@code oc exec} in a runc
 * container. The allowed curl prints the secret, other commands are refused with Kata's text, and
 * tampered initdata gets no token. Start-up time and memory of the guest JVMs are printed.
 */
class WorkshopIT {
    private static final String SECRET = "Confidential_Secret!";
    private static final String CURL = "curl -s http://127.0.0.1:%d/cdh/resource/default/kbsres1/key1";

    @TempDir
    Path dir;
    private final List<ManagedProcess> guest = new ArrayList<>();

    @Test
    void theWorkshopOnOneMachine() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the agent's runc containers need root");
        Path kbsDir = Files.createDirectories(dir.resolve("kbs/repository/default/kbsres1")).getParent().getParent().getParent();
        Files.writeString(kbsDir.resolve("repository/default/kbsres1/key1"), SECRET);
        Files.write(kbsDir.resolve("repository/default/kbsres1/key2"), new byte[128]);
        Path references = Files.writeString(kbsDir.resolve("reference-values.json"), "[]");
        Files.writeString(kbsDir.resolve("policy.rego"), """
                package policy
                import rego.v1
                default allow := false
                allow if input["submods"]["cpu0"]["ear.status"] == "affirming"
                """);
        Path config = KbsProcess.config(kbsDir, """

                [policy_engine]
                policy_path = "policy.rego"
                """);
        int restPort = freePort();
        String curl = String.format(CURL, restPort);
        try (Swtpm swtpm = Swtpm.start(dir);
             KbsProcess kbs = KbsProcess.start(kbsDir, config, "--reference-values", references.toString())) {
            String template = Files.readString(Path.of(System.getProperty("coco4j.root"), "tools/demo/initdata.toml.in"));
            Path initdata = Files.writeString(dir.resolve("initdata.toml"), template.replace("@KBS_URL@", kbs.url().toString()));
            Path restricted = dir.resolve("restricted.toml");
            Files.writeString(restricted, run("initdata", "allow-exec", "--from", initdata.toString(),
                    "--command", curl, "--command", "uname -r"));
            String pcr8 = run("initdata", "pcr8", restricted.toString()).strip();
            Files.writeString(references, run("initdata", "reference-values", "--pcr8", pcr8, references.toString()));
            Path peerpod = provision(restricted, swtpm, "peerpod");
            assertEquals(pcr8, Tpm2Tools.pcrRead(swtpm, 8), "PCR8 read back with tpm2_pcrread");

            long started = System.nanoTime();
            Path sockets = Files.createDirectories(dir.resolve("sockets"));
            startGuest(peerpod, restricted, swtpm, sockets, kbs, restPort);
            long readyMs = (System.nanoTime() - started) / 1_000_000;

            String rest = "http://127.0.0.1:" + restPort;
            assertEquals(SECRET, run("curl", "-s", rest + "/cdh/resource/default/kbsres1/key1"));
            assertEquals("500", run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", rest + "/cdh/resource/default/kbsres1/key3"));
            assertEquals("400", run("curl", "-s", "--path-as-is", "-o", "/dev/null", "-w", "%{http_code}",
                    rest + "/cdh/resource/../../etc/passwd"));
            assertEquals("400", run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", rest + "/cdh/resource/default/%2e%2e/key1"));
            Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
            for (String link : List.of("bin", "lib", "lib64", "sbin")) {
                Files.createSymbolicLink(rootfs.resolve(link), Path.of("usr", link));
            }
            String server = "unix://" + sockets.resolve("agent.sock");
            run("agent-ctl", "--server", server, "run", "--id", "pod1", "--rootfs", rootfs.toString(), "--bind", "/usr:/usr",
                    "--", "sleep", "600");
            assertEquals(SECRET, exec(server, curl, 0).out());
            Result ls = exec(server, "ls", 126);
            assertTrue(ls.err().startsWith("ExecProcessRequest is blocked by policy: "), ls.err());
            exec(server, curl.replace("key1", "key2"), 126);
            run("agent-ctl", "--server", server, "rm", "pod1");

            long rssKib = 0;
            StringBuilder each = new StringBuilder();
            List<String> names = List.of("attestation-agent", "confidential-data-hub", "api-server-rest", "agent");
            for (int i = 0; i < guest.size(); i++) {
                long kib = rssKib(guest.get(i).pid());
                rssKib += kib;
                each.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(kib / 1024).append(" MiB");
            }
            System.out.printf("workshop: guest services ready in %d ms; RSS of the %d guest JVMs: %d MiB (%s)%n",
                    readyMs, guest.size(), rssKib / 1024, each);

            assertAttestationRoutes(sockets, rest);
            assertTamperedInitdataGetsNoToken(restricted, kbs, sockets);

            kbs.close();
            assertEquals("500", run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "70",
                    rest + "/cdh/resource/default/kbsres1/key1"), "the KBS is gone: an error, not a hang");
        } finally {
            guest.forEach(ManagedProcess::close);
        }
        for (ManagedProcess p : guest) {
            assertFalse(p.isAlive(), "every process started is gone");
        }
    }

    private Path provision(Path toml, Swtpm swtpm, String out) throws Exception {
        String annotation = run("initdata", "encode", toml.toString()).strip();
        Path userData = Files.writeString(dir.resolve(out + "-user-data"),
                "#cloud-config\nwrite_files:\n- path: /run/peerpod/initdata\n  content: " + annotation + "\n");
        Path peerpod = dir.resolve(out);
        run("initdata", "provision", "--source", "file:" + userData, "--out", peerpod.toString(), "--tpm", swtpm.address());
        return peerpod;
    }

    /** attestation-agent, confidential-data-hub, api-server-rest and the agent, in upstream's order. */
    private void startGuest(Path peerpod, Path initdata, Swtpm swtpm, Path sockets, KbsProcess kbs, int restPort) throws Exception {
        Path aa = sockets.resolve("aa.sock");
        Path cdh = sockets.resolve("cdh.sock");
        Path agent = sockets.resolve("agent.sock");
        Path cdhToml = Files.writeString(dir.resolve("cdh.toml"), "socket = \"unix://" + cdh + "\"\n[aa]\naa_socket = \"unix://"
                + aa + "\"\n[kbc]\nname = \"cc_kbc\"\nurl = \"" + kbs.url() + "\"\n");
        guest.add(ManagedProcess.start(dir, List.of(Dist.launcher("attestation-agent"), "--config", peerpod.resolve("aa.toml").toString(),
                "--socket", "unix://" + aa, "--initdata", initdata.toString(), "--tpm", swtpm.address()), Map.of()));
        guest.add(ManagedProcess.start(dir, List.of(Dist.launcher("confidential-data-hub"), "--config", cdhToml.toString()), Map.of()));
        guest.add(ManagedProcess.start(dir, List.of(Dist.launcher("api-server-rest"), "--bind", "127.0.0.1:" + restPort,
                "--cdh-socket", "unix://" + cdh), Map.of()));
        guest.add(ManagedProcess.start(dir, List.of(Dist.launcher("agent"), "--listen", "unix://" + agent,
                "--policy", peerpod.resolve("policy.rego").toString(), "--state-dir", dir.resolve("agent").toString()), Map.of()));
        guest.get(0).awaitReady(() -> Files.exists(aa), Duration.ofSeconds(30));
        guest.get(1).awaitReady(() -> Files.exists(cdh), Duration.ofSeconds(30));
        guest.get(2).awaitReady(() -> listening(restPort), Duration.ofSeconds(30));
        guest.get(3).awaitReady(() -> Files.exists(agent), Duration.ofSeconds(30));
    }

    /** /aa/* answer only with --features all, from the real agent: its token and TPM evidence. */
    private void assertAttestationRoutes(Path sockets, String resourceOnly) throws Exception {
        assertEquals("404", run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", resourceOnly + "/aa/token?token_type=kbs"));
        int port = freePort();
        try (ManagedProcess all = ManagedProcess.start(dir, List.of(Dist.launcher("api-server-rest"), "--bind", "127.0.0.1:" + port,
                "--features", "all", "--cdh-socket", "unix://" + sockets.resolve("cdh.sock"),
                "--aa-socket", "unix://" + sockets.resolve("aa.sock")), Map.of())) {
            all.awaitReady(() -> listening(port), Duration.ofSeconds(30));
            String token = run("curl", "-s", "http://127.0.0.1:" + port + "/aa/token?token_type=kbs");
            assertTrue(token.startsWith("{\"token\":\"ey") && token.contains("\"tee_keypair\""), "token JSON");
            String evidence = run("curl", "-s", "http://127.0.0.1:" + port + "/aa/evidence?runtime_data=workshop");
            assertTrue(evidence.contains("\"tpm_quote\"") && evidence.contains("\"ak_public\""), evidence);
        }
    }

    /** The same policy with another KBS URL, measured on a fresh vTPM: the KBS issues no token. */
    private void assertTamperedInitdataGetsNoToken(Path restricted, KbsProcess kbs, Path sockets) throws Exception {
        Path tampered = Files.writeString(dir.resolve("tampered.toml"),
                Files.readString(restricted).replace(kbs.url().toString(), "http://attacker.example:8080"));
        try (Swtpm fresh = Swtpm.start(Files.createDirectories(dir.resolve("fresh-tpm")))) {
            Path peerpod = provision(tampered, fresh, "tampered");
            Path socket = sockets.resolve("aa-tampered.sock");
            Path aaToml = Files.writeString(dir.resolve("aa-tampered.toml"), "[token_configs.kbs]\nurl = \"" + kbs.url() + "\"\n");
            try (ManagedProcess agent = ManagedProcess.start(dir, List.of(Dist.launcher("attestation-agent"), "--config",
                    aaToml.toString(), "--socket", "unix://" + socket, "--initdata", tampered.toString(), "--tpm", fresh.address()),
                    Map.of())) {
                agent.awaitReady(() -> Files.exists(socket), Duration.ofSeconds(30));
                Result token = command(List.of(Dist.launcher("aa-client"), "--socket", "unix://" + socket, "token"));
                assertEquals(1, token.status());
                assertTrue(token.err().contains("PCR 8 does not match reference value tpm_pcr08"), token.err());
            }
            assertTrue(Files.exists(peerpod.resolve("initdata.digest")));
        }
    }

    private record Result(int status, String out, String err) {
    }

    private Result exec(String server, String commandLine, int expectedStatus) throws Exception {
        List<String> command = new ArrayList<>(List.of(Dist.launcher("agent-ctl"), "--server", server, "exec", "pod1", "--"));
        command.addAll(List.of(commandLine.split(" ")));
        Result r = command(command);
        assertEquals(expectedStatus, r.status(), commandLine + ": " + r.err());
        return r;
    }

    private Result command(List<String> command) throws Exception {
        ManagedProcess process = ManagedProcess.start(dir, command, Map.of());
        int status = process.waitFor(Duration.ofSeconds(60));
        return new Result(status, process.stdout(), process.stderr());
    }

    private String run(String launcher, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(launcher.equals("curl") ? "curl" : Dist.launcher(launcher)));
        line.addAll(List.of(args));
        Result r = command(line);
        assertEquals(0, r.status(), launcher + " failed: " + r.err());
        return r.out();
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
