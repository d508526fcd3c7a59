package io.github.coco4j.cdh.daemon;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.DaemonOptions;
import io.github.coco4j.cli.LogLevelOption;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.github.coco4j.aa.kbs.KbsHttpClients;
import io.github.coco4j.cdh.config.CdhConfig;
import io.github.coco4j.aa.client.AttestationAgentClient;
import io.github.coco4j.cdh.kbc.AttestationAgentBackend;
import io.github.coco4j.cdh.kbc.CachingKbc;
import io.github.coco4j.cdh.kbc.CcKbc;
import io.github.coco4j.cdh.kbc.CoalescingKbc;
import io.github.coco4j.cdh.kbc.Kbc;
import io.github.coco4j.cdh.kbc.KbcException;
import io.github.coco4j.cdh.kbc.OfflineFsKbc;
import io.github.coco4j.cdh.kbc.ResourceUri;
import io.github.coco4j.cdh.sealed.SealedSecrets;
import io.github.coco4j.cdh.service.GetResourceGrpcService;
import io.github.coco4j.cdh.service.ImagePullGrpcService;
import io.github.coco4j.cdh.service.PullMeasurement;
import io.github.coco4j.cdh.service.SealedSecretGrpcService;
import io.github.coco4j.files.AtomicFiles;
import io.github.coco4j.initdata.Annotation;
import io.github.coco4j.initdata.Initdata;
import io.github.coco4j.initdata.InitdataException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

/**
 * The confidential data hub: resources from the KBS (through the attestation agent's token) or
 * from offline files, served over gRPC on a unix socket; the configured credentials are fetched
 * into their files first.
 */
public final class ConfidentialDataHubDaemon implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(ConfidentialDataHubDaemon.class.getName());
    /** The agent may have to attest first (a full RCAR round trip with evidence). */
    private static final Duration AA_DEADLINE = Duration.ofSeconds(60);
    /**
     * Calls served at once; more wait their turn. Every call ends within the KBS and agent
     * deadlines, so a bound costs only waiting, and a burst of callers cannot add a thread each.
     */
    private static final int CALL_THREADS = 16;

    /** Where the provisioner writes the hub's configuration. */
    public static final String DEFAULT_CONFIG = "/run/peerpod/cdh.toml";
    /** Where the provisioner writes the pod's initdata. */
    public static final String DEFAULT_INITDATA = "/run/peerpod/initdata";

    private static final String DESCRIPTION = "Serves KBS resources, sealed secrets and image pulls to the guest "
            + "(api.GetResourceService, api.SealedSecretService, api.ImagePullService) on a unix socket.";

    private Path config;
    private Path initdata;
    private final LogLevelOption logging;

    /** The hub as its command line configures it. */
    public ConfidentialDataHubDaemon() {
        this.logging = new LogLevelOption();
    }

    /** The hub as the command line {@code --config config --initdata initdata} with that log level would make it. */
    public ConfidentialDataHubDaemon(Path config, Path initdata, LogLevelOption logging) {
        this.config = config;
        this.initdata = initdata;
        this.logging = logging;
    }

    /** The daemon's command line. */
    public DaemonOptions options() {
        return declare(new DaemonOptions("confidential-data-hub", DESCRIPTION));
    }

    /** Declares the hub's options among {@code options} (a command that serves more beside it). */
    public DaemonOptions declare(DaemonOptions options) {
        return logging.declare(options)
                .value("-c, --config", "FILE", DEFAULT_CONFIG, "cdh.toml (default: ${DEFAULT-VALUE})",
                        value -> config = Path.of(value))
                .value("--initdata", "FILE", DEFAULT_INITDATA, "the pod's initdata (TOML or the annotation value), "
                        + "presented when the hub attests itself because the KBS refused the agent's token; used if "
                        + "present (default: ${DEFAULT-VALUE})", value -> initdata = Path.of(value));
    }

    /**
     * What else the hub's JVM serves besides its socket, with the hub's KBC in process (the REST
     * API, for one JVM fewer in the guest); started once the hub serves, closed before it stops.
     */
    public interface Alongside {
        AutoCloseable start(Kbc kbc) throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        return serve(kbc -> () -> { });
    }

    /** Serves the hub, and {@code alongside} in the same JVM, until SIGTERM. */
    public int serve(Alongside alongside) throws Exception {
        logging.apply();
        CdhConfig settings = CdhConfig.load(config);
        AttestationAgentClient aa = connectAgent(settings);
        Kbc kbc = new CoalescingKbc(openKbc(settings, aa, initdataToml()));
        if (!settings.cacheTtl().isZero()) {
            kbc = new CachingKbc(kbc, settings.cacheTtl(), java.time.Clock.systemUTC());
            LOG.info(() -> "resource cache: " + settings.cacheTtl().toSeconds() + " s, in memory");
        }
        try (PullMeasurement measurement = new PullMeasurement(settings.aaSocket())) {
            fetchCredentials(settings, kbc);
            SealedSecrets sealed = new SealedSecrets(kbc, SealedSecrets.SIGNING_KEYS,
                    "true".equals(System.getenv(SealedSecrets.SKIP_VERIFICATION_ENV)));
            try (Listener server = Transports.serve(settings.socket(), CALL_THREADS, new GetResourceGrpcService(kbc).bindService(),
                    new SealedSecretGrpcService(sealed).bindService(),
                    new ImagePullGrpcService(settings.image(), kbc, measurement).bindService());
                 AutoCloseable also = alongside.start(kbc)) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    close(also);
                    server.close();
                }, "cdh-shutdown"));
                LOG.info(() -> "serving GetResourceService on " + server.endpoint()
                        + " (" + settings.kbc().name() + ")");
                server.awaitTermination();
            }
        } finally {
            if (aa != null) {
                aa.close();
            }
        }
        return 0;
    }

    private static void close(AutoCloseable also) {
        try {
            also.close();
        } catch (Exception e) {
            LOG.warning(() -> "stopping: " + e);
        }
    }

    /** The attestation agent when the KBC needs its tokens (cc_kbc), else null. */
    static AttestationAgentClient connectAgent(CdhConfig settings) throws Exception {
        return settings.kbc().name().equals("cc_kbc") ? AttestationAgentClient.connect(settings.aaSocket(), AA_DEADLINE) : null;
    }

    /** The configured KBC: the KBS through the agent's token ({@code aa} set), or the offline files. */
    static Kbc openKbc(CdhConfig settings, AttestationAgentClient aa, String initdataToml) throws Exception {
        if (aa == null) {
            return OfflineFsKbc.loadDefault();
        }
        AttestationAgentBackend agent = new AttestationAgentBackend(aa);
        return new CcKbc(URI.create(settings.kbc().url()), KbsHttpClients.forCertificate(settings.kbc().certificatePem().orElse(null)), agent,
                new CcKbc.SelfAttestation(agent, initdataToml));
    }

    /** The initdata TOML, from a TOML file or an annotation value; null when there is none. */
    private String initdataToml() throws Exception {
        if (!Files.isRegularFile(initdata)) {
            return null;
        }
        byte[] content = Files.readAllBytes(initdata);
        try {
            return Initdata.parse(content).text();
        } catch (InitdataException notToml) {
            return Initdata.parse(Annotation.decode(new String(content, StandardCharsets.UTF_8).strip())).text();
        }
    }

    /** Each configured credential, written atomically and readable by its owner only. */
    private static void fetchCredentials(CdhConfig settings, Kbc kbc) throws Exception {
        for (CdhConfig.Credential credential : settings.credentials()) {
            try {
                byte[] value = kbc.getResource(ResourceUri.parse(credential.resourceUri()));
                AtomicFiles.write(credential.path(), value, "rw-------");
                LOG.info(() -> "credential " + credential.resourceUri() + " written to " + credential.path());
            } catch (KbcException | IllegalArgumentException e) {
                throw new IllegalStateException("credential " + credential.resourceUri() + ": " + e.getMessage(), e);
            }
        }
    }

    public static void main(String[] args) {
        ConfidentialDataHubDaemon hub = new ConfidentialDataHubDaemon();
        Cli.exit(args, hub.options(), hub);
    }
}
