package io.github.coco4j.aa.daemon;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.DaemonOptions;
import io.github.coco4j.wire.DefaultAddresses;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.InitDataMismatchException;
import io.github.coco4j.aa.attester.PlatformPaths;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.attester.detect.AttesterFactory;
import io.github.coco4j.aa.attester.detect.TeeDetector;
import io.github.coco4j.aa.attester.tpm.TpmAttester;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.config.AaConfig;
import io.github.coco4j.aa.eventlog.AaEventLog;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.github.coco4j.aa.kbs.KbsHttpClients;
import io.github.coco4j.aa.kbs.KbsTokenCache;
import io.github.coco4j.aa.kbs.RcarClient;
import io.github.coco4j.aa.kbs.RetryPolicy;
import io.github.coco4j.logging.OneLineLogging;
import io.github.coco4j.aa.service.AttestationAgent;
import io.github.coco4j.aa.service.AttestationAgentGrpcService;
import io.github.coco4j.aa.service.ServiceException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

/** The attestation-agent daemon: gRPC AttestationAgentService on a unix socket. */
public final class AttestationAgentDaemon implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(AttestationAgentDaemon.class.getName());

    Path config;
    String socket;
    String tee;
    String tpm;
    URI imds;
    Path initData;
    Path initDataDigest;
    Path platformRoot;

    /** The daemon's command line. */
    public DaemonOptions options() {
        return declare(new DaemonOptions("attestation-agent", "Serves evidence, KBS tokens and runtime measurements "
                + "to the guest's components over gRPC on a unix socket. Before serving it checks that the hardware "
                + "binds the initdata, and refuses to start when it does not."));
    }

    /** Declares the agent's options among {@code options} (a command that serves it beside others). */
    public DaemonOptions declare(DaemonOptions options) {
        return options
                .value("-c, --config", "FILE", null, "aa.toml (KBS URL and certificate, TEE key algorithm, "
                        + "event log, log level)", value -> config = Path.of(value))
                .value("-s, --socket", "ADDRESS", DefaultAddresses.ATTESTATION_AGENT,
                        "unix socket to serve on (default: ${DEFAULT-VALUE})", value -> socket = value)
                .value("--tee", "NAME", null, "use this attester instead of detecting the TEE "
                        + "(tdx, az-tdx-vtpm, az-snp-vtpm, snp, tpm, sample)", value -> tee = value)
                .value("--tpm", "ADDRESS", null, "the TPM of the tpm and Azure vTPM attesters: auto, device:PATH "
                        + "or tcp:HOST:PORT (swtpm); default $" + TpmAttester.DEVICE_ENV + ", else auto",
                        value -> tpm = value)
                .value("--azure-imds", "URL", "http://169.254.169.254", "Azure's instance metadata service, where "
                        + "the az-snp-vtpm attester gets the VCEK and az-tdx-vtpm the TD quote "
                        + "(default: ${DEFAULT-VALUE})", value -> imds = uri(value))
                .value("--initdata", "FILE", null, "initdata TOML: checked against the hardware and presented "
                        + "to the KBS", value -> initData = Path.of(value))
                .value("--initdata-digest", "FILE", "/run/peerpod/initdata.digest", "initdata digest (hex) to "
                        + "check when no --initdata is given; used if present (default: ${DEFAULT-VALUE})",
                        value -> initDataDigest = Path.of(value))
                .value("--platform-root", "DIR", "/", "root under which the platform interfaces (/sys, /dev, "
                        + "/run/attestation-agent) are found (default: ${DEFAULT-VALUE})",
                        value -> platformRoot = Path.of(value));
    }

    /** A URI, or a wrong value worded as picocli words it. */
    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot convert '" + value + "' to URI (" + e + ")");
        }
    }

    @Override
    public Integer call() throws Exception {
        try (Serving aa = start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(aa::close, "attestation-agent-shutdown"));
            aa.awaitTermination();
        }
        return 0;
    }

    /** The address it serves on ({@code --socket}). */
    public String socket() {
        return socket;
    }

    /**
     * Checks that the hardware binds the initdata, then serves the socket; the caller waits for it
     * or, when it runs beside the data hub in one JVM, stops it with the hub.
     */
    public Serving start() throws Exception {
        AaConfig settings = config == null ? AaConfig.DEFAULT : AaConfig.load(config);
        OneLineLogging.configure(settings.logLevel());
        PlatformPaths paths = PlatformPaths.rootedAt(platformRoot);
        ConfigfsTsm tsm = new ConfigfsTsm(paths.tsmReport());
        String device = tpm != null ? tpm : System.getenv(TpmAttester.DEVICE_ENV);
        TpmAddress tpmAddress = TpmAddress.parse(device != null && !device.isBlank() ? device : "auto");
        TeeType teeType = tee != null ? TeeType.fromWireName(tee) : new TeeDetector(paths, tsm, tpmAddress).detect();
        Attester attester = new AttesterFactory(paths, tsm, tpmAddress, imds).create(teeType);
        LOG.info(() -> "attester: " + teeType.wireName() + (tee != null ? " (forced)" : " (detected)"));

        InitDataSource initdata = initDataSource();
        KbsTokenCache tokens = settings.kbs().map(kbs -> new KbsTokenCache(
                new RcarClient(kbs.url(), KbsHttpClients.forCertificate(kbs.certificatePem().orElse(null)),
                        RetryPolicy.DEFAULT),
                attester, kbs.teeKeyAlgorithm(), initdata == null ? null : initdata.toml(),
                Clock.systemUTC())).orElse(null);
        AaEventLog eventLog = openEventLog(settings, attester, paths);
        try {
            AttestationAgent agent = new AttestationAgent(attester, tokens, settings.eventLog().enabled(), eventLog,
                    settings.eventLog().initPcr());
            if (initdata != null) {
                checkBinding(agent, attester, initdata);
            }
            Listener server = Transports.serve(socket, new AttestationAgentGrpcService(agent).bindService());
            LOG.info(() -> "serving AttestationAgentService on " + server.endpoint());
            return new Serving(server, eventLog);
        } catch (Exception e) {
            if (eventLog != null) {
                eventLog.close();
            }
            throw e;
        }
    }

    /** The agent's socket being served, and the event log it appends to until it stops. */
    public static final class Serving implements AutoCloseable {
        private final Listener server;
        private final AaEventLog eventLog;

        Serving(Listener server, AaEventLog eventLog) {
            this.server = server;
            this.eventLog = eventLog;
        }

        /** Waits until {@link #close()} (from a shutdown hook) has stopped the server. */
        public void awaitTermination() throws InterruptedException {
            server.awaitTermination();
        }

        /** Stops serving, then closes the event log; a second call does nothing more. */
        @Override
        public synchronized void close() {
            server.close();
            if (eventLog != null) {
                try {
                    eventLog.close();
                } catch (IOException e) {
                    LOG.warning(() -> "closing the event log: " + e.getMessage());
                }
            }
        }
    }

    private InitDataSource initDataSource() throws IOException {
        if (initData != null) {
            return InitDataSource.fromToml(initData);
        }
        if (Files.exists(initDataDigest)) {
            return InitDataSource.fromDigestFile(initDataDigest);
        }
        LOG.info("no initdata given and no " + initDataDigest + ": skipping the initdata binding check");
        return null;
    }

    private static AaEventLog openEventLog(AaConfig settings, Attester attester, PlatformPaths paths)
            throws IOException {
        if (!settings.eventLog().enabled()) {
            return null;
        }
        if (attester.measurementRegisters().isEmpty()) {
            LOG.warning(attester.tee().wireName() + " has no runtime measurement registers: event log disabled");
            return null;
        }
        return AaEventLog.open(paths.eventLogDirectory(), attester.measurementRegisters().get());
    }

    private static void checkBinding(AttestationAgent agent, Attester attester, InitDataSource initdata)
            throws Exception {
        try {
            if (agent.checkInitDataBinding(initdata.digest())) {
                LOG.info("initdata binding verified against the hardware");
            } else {
                LOG.warning(attester.tee().wireName() + " cannot bind initdata to hardware; nothing was verified");
            }
        } catch (ServiceException e) {
            if (e.getCause() instanceof InitDataMismatchException) {
                throw new StartupException("initdata is not bound by the hardware: " + e.getCause().getMessage());
            }
            throw new StartupException(e.getMessage());
        }
    }

    /** A reason not to start, reported as one line. */
    static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        StartupException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        AttestationAgentDaemon agent = new AttestationAgentDaemon();
        Cli.exit(args, agent.options(), agent);
    }
}
