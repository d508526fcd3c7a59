package io.github.coco4j.agent.daemon;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.rego.RegoException;
import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.DaemonOptions;
import io.github.coco4j.cli.LogLevelOption;
import io.github.coco4j.wire.DefaultAddresses;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.agent.files.SharedFiles;
import io.github.coco4j.agent.guest.Guest;
import io.github.coco4j.agent.image.ContainerImages;
import io.github.coco4j.agent.image.DataHubImages;
import io.github.coco4j.agent.runc.RuncBackend;
import io.github.coco4j.agent.service.AgentServer;
import io.github.coco4j.logging.CliErrors;
import io.github.coco4j.policy.gate.DecisionLogWriter;
import io.github.coco4j.policy.gate.PolicyGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;

/**
 * The agent: AgentService and Health over ttrpc or gRPC, every AgentService call decided by the policy
 * before it reaches the runc backend. A startup policy that does not load stops the agent.
 */
public final class AgentDaemon implements Callable<Integer>, Cli.DescribesFailures {
    private static final Logger LOG = Logger.getLogger(AgentDaemon.class.getName());
    static final String DEFAULT_POLICY = "/etc/kata-opa/default-policy.rego";

    final List<String> listen = new ArrayList<>();
    Path policy;
    boolean v0;
    String runc;
    Path stateDir;
    Path podNetns;
    Path sharedDir = SharedFiles.KATA_SHARED_DIR;
    String cdhSocket;
    long imagePullTimeoutSeconds;
    Path pauseBundle;
    Path decisionLog;
    boolean explainDenials;
    final LogLevelOption logging = new LogLevelOption();

    /** The agent's command line. */
    DaemonOptions options() {
        DaemonOptions options = new DaemonOptions("agent", "Serves the Kata AgentService (policy-gated) and Health "
                + "over ttrpc (or gRPC), running containers with runc.")
                .repeatable("--listen", "ADDRESS", DefaultAddresses.KATA_AGENT, "where to serve, repeatable: "
                        + "unix:///PATH or tcp:HOST:PORT, ttrpc as Kata's shim speaks it; grpc+unix:///PATH or "
                        + "grpc+tcp:HOST:PORT for gRPC (default: ${DEFAULT-VALUE})", listen::add)
                .value("--policy", "FILE", null, "startup policy (default: $KATA_AGENT_POLICY_FILE, else "
                        + DEFAULT_POLICY + ", which in peer pods links to /run/peerpod/policy.rego)",
                        value -> policy = Path.of(value))
                .flag("--v0", "parse policies as Rego v0 (default: v1)", () -> v0 = true)
                .value("--runc", "PATH", "runc", "runc binary (default: ${DEFAULT-VALUE}, from PATH)",
                        value -> runc = value)
                .value("--state-dir", "DIR", "/run/kata-containers/coco4j",
                        "container bundles and runc state (default: ${DEFAULT-VALUE})", value -> stateDir = Path.of(value))
                .value("--pod-netns", "PATH", null, "network namespace the pod's containers join, "
                        + "e.g. /run/netns/podns (default: the VM's network)", value -> podNetns = Path.of(value))
                .value("--shared-dir", "DIR", null, "where CopyFile writes the host's files "
                        + "(default: Kata's, /run/kata-containers/shared/containers)", value -> sharedDir = Path.of(value))
                .value("--cdh-socket", "ADDRESS", DefaultAddresses.CONFIDENTIAL_DATA_HUB,
                        "the confidential data hub, which pulls the images of image_guest_pull storages "
                                + "(default: ${DEFAULT-VALUE}; grpc+unix:///PATH for gRPC)", value -> cdhSocket = value)
                .longValue("--image-pull-timeout", "SECONDS", "1200", "how long one image pull may take, "
                        + "as Kata's agent.image_pull_timeout (default: ${DEFAULT-VALUE})",
                        value -> imagePullTimeoutSeconds = value)
                .value("--pause-bundle", "DIR", "/pause_bundle", "the guest's pause bundle (config.json and rootfs/) "
                        + "the sandbox container of a guest-pull pod runs (default: ${DEFAULT-VALUE}, Kata's)",
                        value -> pauseBundle = Path.of(value))
                .value("--decision-log", "FILE", null, "write every request to FILE as JSON lines "
                        + "(the format 'agent-policy replay' reads); debugging only: requests may carry secrets",
                        value -> decisionLog = Path.of(value))
                .flag("--explain-denials", "add to each denial where the deciding rule failed (file:line:col); "
                        + "off by default: which check fails depends on the request, told back to its sender",
                        () -> explainDenials = true);
        return logging.declare(options);
    }

    @Override
    public Integer call() throws Exception {
        logging.apply();
        Path policyFile = policyFile();
        DecisionLogWriter log = decisionLog == null ? null : new DecisionLogWriter(decisionLog);
        PolicyGate gate = PolicyGate.load(policyFile.toString(), Files.readString(policyFile), !v0, log)
                .explainDenials(explainDenials);
        LOG.info(() -> "policy: " + policyFile);
        try (Shutdown shutdown = new Shutdown().onSigterm()) {
            RuncBackend backend = new RuncBackend(runc, stateDir, podNetns);
            Guest guest = Guest.of(podNetns, sharedDir);
            ContainerImages images = new ContainerImages(stateDir.resolve("images"),
                    new DataHubImages(cdhSocket, Duration.ofSeconds(imagePullTimeoutSeconds)), pauseBundle);
            // Containers go first: their end also ends the calls waiting on them, so the server then stops at once.
            shutdown.add(backend::close);
            shutdown.add(images::close);
            List<Listener> listeners = new ArrayList<>();
            for (String address : listen) {
                Listener listener = AgentServer.serve(address, gate, backend, guest, images);
                listeners.add(listener);
                shutdown.add(listener::close);
                LOG.info(() -> "serving AgentService and Health on " + listener.endpoint());
            }
            for (Listener listener : listeners) {
                listener.awaitTermination();
            }
        } finally {
            if (log != null) {
                log.close();
            }
        }
        return 0;
    }

    private Path policyFile() {
        if (policy != null) {
            return policy;
        }
        String fromEnv = System.getenv("KATA_AGENT_POLICY_FILE");
        return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_POLICY);
    }

    public static void main(String[] args) {
        AgentDaemon agent = new AgentDaemon();
        Cli.exit(args, agent.options(), agent);
    }

    /** A policy that does not load, or a backend that cannot start, is said as it is. */
    @Override
    public String describe(Throwable failure) {
        return failure instanceof RegoException || failure instanceof AgentException ? CliErrors.describe(failure) : null;
    }
}
