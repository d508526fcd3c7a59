package io.github.coco4j.cdh.guest;

import io.github.coco4j.aa.daemon.AttestationAgentDaemon;
import io.github.coco4j.cdh.daemon.ConfidentialDataHubDaemon;
import io.github.coco4j.cdh.rest.RestOptions;
import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.DaemonOptions;
import io.github.coco4j.cli.LogLevelOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The attestation agent, the data hub and the REST API in one JVM: each JVM in the guest costs its
 * own copy of the runtime and of the classes they share (netty, protobuf, the wire), and these
 * three are one trust domain already: the hub may ask the agent for evidence and tokens over its
 * socket, and the REST API reads through the hub. Each keeps its socket and its wire, so the
 * agent, upstream's components and the separate launchers talk to them as before. The pod's
 * agent stays in a JVM of its own: it faces the host.
 */
public final class GuestComponents implements Callable<Integer> {
    final AttestationAgentDaemon attestationAgent = new AttestationAgentDaemon();
    Path cdhConfig;
    Path cdhInitdata;
    /** For all three once the hub starts (until then the agent logs at its aa.toml's level). */
    final LogLevelOption logging = new LogLevelOption();
    final RestOptions rest = new RestOptions();
    final DaemonOptions options = options();

    private DaemonOptions options() {
        DaemonOptions line = new DaemonOptions("guest-components", "Serves the attestation agent (its options as "
                + "attestation-agent's), then the confidential data hub (--cdh-config) with api-server-rest's HTTP "
                + "API (its options as confidential-data-hub-rest's), in one process; SIGTERM stops all three. The "
                + "API asks the attestation agent of this process (--socket) unless --aa-socket names another.")
                .value("--cdh-config", "FILE", ConfidentialDataHubDaemon.DEFAULT_CONFIG,
                        "the data hub's cdh.toml (default: ${DEFAULT-VALUE})", value -> cdhConfig = Path.of(value))
                .value("--cdh-initdata", "FILE", ConfidentialDataHubDaemon.DEFAULT_INITDATA, "the pod's initdata as "
                        + "the data hub presents it when it attests itself; used if present (default: ${DEFAULT-VALUE})",
                        value -> cdhInitdata = Path.of(value));
        return rest.declare(logging.declare(attestationAgent.declare(line)));
    }

    @Override
    public Integer call() throws Exception {
        try (AttestationAgentDaemon.Serving aa = attestationAgent.start()) {
            // The JVM runs every shutdown hook at once: the hub's stops the hub and the API, this one the agent.
            Runtime.getRuntime().addShutdownHook(new Thread(aa::close, "attestation-agent-shutdown"));
            boolean otherAgent = options.given("--aa-socket");
            ConfidentialDataHubDaemon hub = new ConfidentialDataHubDaemon(cdhConfig, cdhInitdata, logging);
            return hub.serve(otherAgent ? rest.overHub() : rest.overHub(attestationAgent.socket()));
        }
    }

    public static void main(String[] args) {
        GuestComponents command = new GuestComponents();
        Cli.exit(args, command.options, command);
    }
}
