package io.github.coco4j.kbs;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.kbs.attestation.AttestationPolicy;
import io.github.coco4j.kbs.attestation.AttestationTokens;
import io.github.coco4j.kbs.attestation.RcarService;
import io.github.coco4j.kbs.attestation.SnpCertificates;
import io.github.coco4j.kbs.config.KbsConfig;
import io.github.coco4j.config.ConfigException;
import io.github.coco4j.kbs.http.KbsApi;
import io.github.coco4j.kbs.http.KbsHttpServer;
import io.github.coco4j.kbs.http.TlsContexts;
import io.github.coco4j.kbs.resource.AffirmingTeePolicy;
import io.github.coco4j.kbs.resource.RegoResourcePolicy;
import io.github.coco4j.kbs.resource.ResourcePolicy;
import io.github.coco4j.kbs.resource.ResourceRepository;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kbs}: a development Key Broker Service speaking the KBS protocol, for tests and the demo. */
@Command(name = "kbs", mixinStandardHelpOptions = true,
        description = "A development KBS: RCAR attestation (tpm, az-snp-vtpm, az-tdx-vtpm, tdx, snp; sample "
                + "when allowed), EAR tokens "
                + "appraised by an attestation policy, and "
                + "resources from a directory released as JWE under a resource policy. Reads the subset of "
                + "Trustee's kbs-config.toml it understands; options override the file.")
public final class KbsMain implements Callable<Integer> {
    @Option(names = {"-c", "--config", "--config-file"}, paramLabel = "FILE", description = "kbs-config.toml")
    Path config;

    @Option(names = "--socket", paramLabel = "HOST:PORT", description = "listen here instead of "
            + "[http_server] sockets (repeatable; port 0 picks a free port)")
    List<String> sockets;

    @Option(names = "--insecure-http", description = "serve plain HTTP (no TLS)")
    boolean insecureHttp;

    @Option(names = "--repository", paramLabel = "DIR", description = "resource directory "
            + "(<DIR>/<repository>/<type>/<tag>)")
    Path repository;

    @Option(names = "--reference-values", paramLabel = "FILE", description = "RVPS reference values (JSON)")
    Path referenceValues;

    @Option(names = "--attestation-policy", paramLabel = "FILE", description = "attestation policy (Rego, "
            + "package policy) instead of the one in the token broker's policy_dir or Trustee's default")
    Path attestationPolicy;

    @Option(names = "--allow-sample-evidence", description = "accept sample evidence (proves nothing; for "
            + "development only)")
    boolean allowSample;

    @Override
    public Integer call() throws Exception {
        KbsConfig settings = config == null ? KbsConfig.defaults() : KbsConfig.load(config);
        List<InetSocketAddress> listen = sockets == null ? settings.sockets() : parseSockets(sockets);
        boolean plain = insecureHttp || settings.insecureHttp();
        Optional<Path> repositoryDir = Optional.ofNullable(repository).or(settings::repository);
        Optional<Path> references = Optional.ofNullable(referenceValues).or(settings::referenceValues);
        SSLContext tls = plain ? null : tls(settings);
        Clock clock = Clock.systemUTC();
        AttestationTokens tokens = new AttestationTokens(settings.tokenDuration(), clock);
        RcarService rcar = RcarService.create(settings.sessionTimeout(), clock, new RcarService.Setup(references,
                allowSample || settings.allowSampleEvidence(), attestationPolicy(settings), snpAuthorities(settings)),
                tokens);
        ResourcePolicy policy = settings.policy().isPresent()
                ? new RegoResourcePolicy(settings.policy().get().toString(), Files.readString(settings.policy().get()))
                : new AffirmingTeePolicy();
        KbsApi api = new KbsApi(rcar, tokens, repositoryDir.map(ResourceRepository::new).orElse(null), policy);
        try (KbsHttpServer server = KbsHttpServer.start(listen, tls, api)) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "kbs-shutdown"));
            server.urls().forEach(url -> System.out.println("kbs: listening on " + url));
            System.out.flush();
            stopped.await();
        }
        return 0;
    }

    /** --attestation-policy, else the token broker's policy_dir, else Trustee's default. */
    private AttestationPolicy attestationPolicy(KbsConfig settings) throws IOException {
        Optional<Path> file = Optional.ofNullable(attestationPolicy)
                .or(() -> settings.attestationPolicyDir().flatMap(AttestationPolicy::inPolicyDir));
        AttestationPolicy policy = file.isPresent() ? AttestationPolicy.load(file.get())
                : AttestationPolicy.trusteeDefault();
        System.out.println("kbs: attestation policy " + policy.name());
        return policy;
    }

    private static SnpCertificates snpAuthorities(KbsConfig settings) throws IOException {
        SnpCertificates amd = SnpCertificates.amd();
        return settings.snpDevelopmentRoot().isPresent() ? amd.withDevelopmentRoot(settings.snpDevelopmentRoot().get())
                : amd;
    }

    private static SSLContext tls(KbsConfig settings) throws IOException, ConfigException {
        if (settings.privateKey().isEmpty() || settings.certificate().isEmpty()) {
            throw new ConfigException("HTTPS needs [http_server] private_key and certificate "
                    + "(or insecure_http = true / --insecure-http)");
        }
        return TlsContexts.fromPem(settings.privateKey().get(), settings.certificate().get());
    }

    private static List<InetSocketAddress> parseSockets(List<String> values) throws ConfigException {
        try {
            return values.stream().map(KbsConfig::parseSocket).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--socket " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        Cli.exit(args, new KbsMain());
    }
}
