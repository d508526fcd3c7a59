package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.aa.kbs.KbsHttpClients;
import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workshop end to end, every part a real process: initdata restricted to two exec commands,
 * measured into a vTPM's PCR8 at boot and registered with the KBS; the attestation agent, the data
 * hub serving the REST API from its JVM (the separate api-server-rest for the attestation routes);
 * the agent running {@code oc exec} in a runc container. The allowed curl
 * prints the secret, other commands are refused with Kata's text, and tampered initdata gets no
 * secret. Twice: what {@code ./run demo} shows (the Azure SNP vTPM path with the seed workshop's
 * files), and the plain TPM path under Trustee's default policy with today's reference values.
 */
class WorkshopIT {
    private static final String SECRET = SeedWorkshopKbs.SECRET;
    private static final String CURL = "curl -s http://127.0.0.1:%d/cdh/resource/default/kbsres1/key1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Jackson's data binding, which no guest JVM loads (JSON goes through proto/json). */
    private static final String OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
    private static final String PICOCLI = "picocli.CommandLine";

    @TempDir
    Path dir;
    private Commands commands;
    private int restPort;
    private String curl;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the agent's runc containers need root");
        commands = new Commands(dir);
        restPort = Commands.freePort();
        curl = String.format(CURL, restPort);
    }

    /**
     * The demo: the development Azure SNP platform around two swtpms (the pod's VM and a second one
     * for tampered initdata), the KBS with the seed workshop's files and the development root.
     */
    @Test
    void theDemoOnAzureSnpVtpmWithTheSeedWorkshopFiles() throws Exception {
        Path root = dir.resolve("dev-amd-root.pem");
        Path kbsDir = Files.createDirectories(dir.resolve("kbs"));
        try (Swtpm vm = Swtpm.start(Files.createDirectories(dir.resolve("vm")));
             Swtpm second = Swtpm.start(Files.createDirectories(dir.resolve("second-vm")));
             AzureSnpDevPlatformProcess platform = AzureSnpDevPlatformProcess.start(dir, root, vm, second);
             KbsProcess kbs = SeedWorkshopKbs.start(kbsDir, root)) {
            Path restricted = restrictedInitdata(kbs.url(), Files.readString(SeedWorkshopKbs.certificate(kbsDir)));
            String pcr8 = commands.run("initdata", "pcr8", restricted.toString()).strip();
            assertTrue(commands.run("initdata", "reference-values", "--format", "workshop", "--pcr8", pcr8)
                    .contains("\"hash-value\""), "the workshop's form");
            SeedWorkshopKbs.registerPcr8(kbsDir, pcr8);
            Path peerpod = commands.provision(restricted, vm.address(), "peerpod");
            try (GuestServices guest = GuestServices.start(dir, peerpod, restricted, restPort,
                    platform.agentOptions(0))) {
                HttpResponse<String> secret = get(guest.rest() + "/cdh/resource/default/kbsres1/key1", Map.of());
                assertEquals(200, secret.statusCode());
                assertEquals(SECRET, secret.body());
                assertTrue(kbs.log().contains("attested as az-snp-vtpm: affirming"), kbs.log());
                assertExecAllowList(guest);
                System.out.println("workshop (az-snp-vtpm): " + guest.report());
                guest.assertNotLoaded(OBJECT_MAPPER);
                guest.assertNotLoaded(PICOCLI);
            }
            assertTamperedInitdataGetsNoSecret(restricted, peerpod, kbs, platform, second);
        }
    }

    /**
     * The second VM booted tampered initdata (another KBS URL). Presenting the genuine initdata,
     * which its PCR8 does not measure, gets no token: the attestation agent refuses to start (and
     * the KBS's verifier would refuse the evidence). Presenting the tampered initdata it measured,
     * the binding holds, so the KBS issues its token, as Trustee's EAR broker does, with the status
     * the attestation policy gives: the reference PCR8 differs, {@code executables} is 33, the
     * token is not affirming and the workshop's resource policy releases nothing.
     */
    private void assertTamperedInitdataGetsNoSecret(Path restricted, Path peerpod, KbsProcess kbs,
                                                    AzureSnpDevPlatformProcess platform, Swtpm second) throws Exception {
        Path tampered = Files.writeString(dir.resolve("tampered.toml"),
                Files.readString(restricted).replace(kbs.url().toString(), "http://attacker.example:8080"));
        commands.provision(tampered, second.address(), "tampered");
        Commands.Result refused = commands.command(attestationAgent(peerpod, restricted, "aa-refused", platform));
        assertNotEquals(0, refused.status());
        assertTrue(refused.err().contains("initdata is not bound by the hardware: az-snp-vtpm: PCR8"), refused.err());

        Path socket = dir.resolve("sockets/aa-tampered.sock");
        try (ManagedProcess agent = ManagedProcess.start(dir, attestationAgent(peerpod, tampered, "aa-tampered", platform),
                Map.of())) {
            agent.awaitReady(() -> Files.exists(socket), Duration.ofSeconds(30));
            String token = commands.run("aa-client", "--socket", "unix://" + socket, "token");
            assertTrue(claims(token).contains("\"ear.status\":\"warning\""), claims(token));
            HttpResponse<String> resource = KbsHttpClients.forCertificate(Files.readString(SeedWorkshopKbs.certificate(dir.resolve("kbs"))))
                    .send(HttpRequest.newBuilder(URI.create(kbs.url() + "/kbs/v0/resource/default/kbsres1/key1"))
                            .header("Authorization", "Bearer " + jwt(token)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, resource.statusCode());
            assertTrue(resource.body().contains("PolicyDeny"), resource.body());
        }
        assertTrue(kbs.log().contains("attested as az-snp-vtpm: warning (executables 33)"), kbs.log());
    }

    /** The attestation agent of the second VM with the genuine aa.toml (the real KBS) and the given initdata. */
    private List<String> attestationAgent(Path peerpod, Path initdata, String socket, AzureSnpDevPlatformProcess platform) {
        List<String> command = new ArrayList<>(List.of(Dist.launcher("attestation-agent"), "--config",
                peerpod.resolve("aa.toml").toString(), "--socket", "unix://" + dir.resolve("sockets/" + socket + ".sock"),
                "--initdata", initdata.toString()));
        command.addAll(platform.agentOptions(1));
        return command;
    }

    /**
     * The plain TPM path (swtpm, tpm attester) under Trustee's default attestation policy (the KBS
     * is given none) with PCR8 registered in today's value form; the REST API's refusals, the
     * attestation routes, and the KBS going away.
     */
    @Test
    void plainTpmWithTrusteesDefaultPolicyAndValueFormReferences() throws Exception {
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
        try (Swtpm swtpm = Swtpm.start(dir);
             KbsProcess kbs = KbsProcess.start(kbsDir, config, "--reference-values", references.toString())) {
            Path restricted = restrictedInitdata(kbs.url(), null);
            String pcr8 = commands.run("initdata", "pcr8", restricted.toString()).strip();
            Files.writeString(references, commands.run("initdata", "reference-values", "--format", "trustee", "--pcr8", pcr8,
                    references.toString()));
            assertTrue(Files.readString(references).contains("\"value\""), "today's form");
            Path peerpod = commands.provision(restricted, swtpm.address(), "peerpod");
            assertEquals(pcr8, Tpm2Tools.pcrRead(swtpm, 8), "PCR8 read back with tpm2_pcrread");

            try (GuestServices guest = GuestServices.start(dir, peerpod, restricted, restPort,
                    List.of("--tpm", swtpm.address()))) {
                String rest = guest.rest();
                assertEquals(SECRET, commands.run("curl", "-s", rest + "/cdh/resource/default/kbsres1/key1"));
                assertTrue(kbs.log().contains("attested as tpm: affirming"), kbs.log());
                assertEquals("500", status(rest + "/cdh/resource/default/kbsres1/key3"));
                assertEquals("400", status("--path-as-is", rest + "/cdh/resource/../../etc/passwd"));
                assertEquals("400", status(rest + "/cdh/resource/default/%2e%2e/key1"));
                assertExecAllowList(guest);
                System.out.println("workshop (tpm): " + guest.report());

                assertAttestationRoutes(guest);
                guest.assertNotLoaded(OBJECT_MAPPER);
                guest.assertNotLoaded(PICOCLI);
                assertTamperedInitdataGetsNoToken(restricted, kbs);

                kbs.close();
                assertEquals("500", status("--max-time", "70", rest + "/cdh/resource/default/kbsres1/key1"),
                        "the KBS is gone: an error, not a hang");
            }
        }
    }

    /**
     * The initdata template with the KBS's URL (and, for an HTTPS KBS, its certificate in aa.toml and
     * cdh.toml, as {@code tools/lib.sh}'s workshop_initdata writes them), restricted to the allowed
     * curl and {@code uname -r}.
     */
    private Path restrictedInitdata(URI kbs, String certificatePem) throws Exception {
        String template = Files.readString(Path.of(System.getProperty("coco4j.root"), "tools/demo/initdata.toml.in"))
                .replace("@KBS_URL@", kbs.toString());
        for (String key : List.of("cert", "kbs_cert")) {
            template = template.replace("# @KBS_CERT:" + key + "@\n",
                    certificatePem == null ? "" : key + " = \"\"\"\n" + certificatePem + "\"\"\"\n");
        }
        Path initdata = Files.writeString(dir.resolve("initdata.toml"), template);
        return Files.writeString(dir.resolve("restricted.toml"), commands.run("initdata", "allow-exec", "--from",
                initdata.toString(), "--command", curl, "--command", "uname -r"));
    }

    /** {@code oc exec}: the allowed curl prints the secret; {@code ls} and another curl are refused by the agent. */
    private void assertExecAllowList(GuestServices guest) throws Exception {
        guest.runPod();
        assertEquals(SECRET, guest.exec(curl, 0).out());
        Commands.Result ls = guest.exec("ls", 126);
        assertTrue(ls.err().startsWith("ExecProcessRequest is blocked by policy: "), ls.err());
        guest.exec(curl.replace("key1", "key2"), 126);
        guest.removePod();
    }

    /** /aa/* answer only with --features all, from the real agent: its token and TPM evidence. */
    private void assertAttestationRoutes(GuestServices guest) throws Exception {
        assertEquals("404", status(guest.rest() + "/aa/token?token_type=kbs"));
        int port = Commands.freePort();
        try (ManagedProcess all = ManagedProcess.start(dir, List.of(Dist.launcher("api-server-rest"), "--bind", "127.0.0.1:" + port,
                "--features", "all", "--cdh-socket", "unix://" + guest.socket("cdh"),
                "--aa-socket", "unix://" + guest.socket("aa")), Map.of())) {
            all.awaitReady(() -> Commands.listening(port), Duration.ofSeconds(30));
            String token = commands.run("curl", "-s", "http://127.0.0.1:" + port + "/aa/token?token_type=kbs");
            assertTrue(token.startsWith("{\"token\":\"ey") && token.contains("\"tee_keypair\""), "token JSON");
            String evidence = commands.run("curl", "-s", "http://127.0.0.1:" + port + "/aa/evidence?runtime_data=workshop");
            assertTrue(evidence.contains("\"tpm_quote\"") && evidence.contains("\"ak_public\""), evidence);
        }
    }

    /**
     * The same policy with another KBS URL, measured on a fresh TPM: the KBS's tpm verifier checks
     * the PCRs against the reference values itself, so it refuses the evidence and issues no token.
     */
    private void assertTamperedInitdataGetsNoToken(Path restricted, KbsProcess kbs) throws Exception {
        Path tampered = Files.writeString(dir.resolve("tampered.toml"),
                Files.readString(restricted).replace(kbs.url().toString(), "http://attacker.example:8080"));
        try (Swtpm fresh = Swtpm.start(Files.createDirectories(dir.resolve("fresh-tpm")))) {
            Path peerpod = commands.provision(tampered, fresh.address(), "tampered");
            Path socket = dir.resolve("sockets/aa-tampered.sock");
            Path aaToml = Files.writeString(dir.resolve("aa-tampered.toml"), "[token_configs.kbs]\nurl = \"" + kbs.url() + "\"\n");
            try (ManagedProcess agent = ManagedProcess.start(dir, List.of(Dist.launcher("attestation-agent"), "--config",
                    aaToml.toString(), "--socket", "unix://" + socket, "--initdata", tampered.toString(), "--tpm", fresh.address()),
                    Map.of())) {
                agent.awaitReady(() -> Files.exists(socket), Duration.ofSeconds(30));
                Commands.Result token = commands.command(List.of(Dist.launcher("aa-client"), "--socket", "unix://" + socket, "token"));
                assertEquals(1, token.status());
                assertTrue(token.err().contains("PCR 8 does not match reference value tpm_pcr08"), token.err());
            }
            assertTrue(Files.exists(peerpod.resolve("initdata.digest")));
        }
    }

    /** curl's HTTP status for a request (the last argument is the URL). */
    private String status(String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of("-s", "-o", "/dev/null", "-w", "%{http_code}"));
        line.addAll(List.of(args));
        return commands.run("curl", line.toArray(String[]::new));
    }

    private static HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JWT of aa-client's {@code {"token": …}} answer. */
    private static String jwt(String answer) {
        return answer.replaceAll("(?s).*\"token\":\"([^\"]*)\".*", "$1");
    }

    /** The claims (payload) of aa-client's token, as JSON text. */
    private static String claims(String answer) {
        return new String(Base64.getUrlDecoder().decode(jwt(answer).split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
