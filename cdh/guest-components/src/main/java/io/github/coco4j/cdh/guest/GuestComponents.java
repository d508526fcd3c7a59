package io.github.coco4j.cdh.guest;

import io.github.coco4j.aa.daemon.AttestationAgentDaemon;
import io.github.coco4j.cdh.daemon.ConfidentialDataHubDaemon;
import io.github.coco4j.cdh.rest.RestOptions;
import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.LogLevelOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The attestation agent, the data hub and the REST API in one JVM: each JVM in the guest costs its
 * own copy of the runtime and of the classes they share (netty, protobuf, the wire), and these
 * three are one trust domain already: the hub may ask the agent for evidence and tokens over its
 * socket, and the REST API reads through the hub. Each keeps its socket and its wire, so the
 * agent, upstream's components and the separate launchers talk to them as before. The pod's
 * agent stays in a JVM of its own: it faces the host.
 */
@Command(name = "guest-components", mixinStandardHelpOptions = true,
        description = "Serves the attestation agent (its options as attestation-agent's), then the confidential "
                + "data hub (--cdh-config) with api-server-rest's HTTP API (its options as "
                + "confidential-data-hub-rest's), in one process; SIGTERM stops all three. The API asks the "
                + "attestation agent of this process (--socket) unless --aa-socket names another.")
public final class GuestComponents implements Callable<Integer> {
    @Mixin
    AttestationAgentDaemon attestationAgent;

    @Option(names = "--cdh-config", paramLabel = "FILE", defaultValue = ConfidentialDataHubDaemon.DEFAULT_CONFIG,
            description = "the data hub's cdh.toml (default: ${DEFAULT-VALUE})")
    Path cdhConfig;

    @Option(names = "--cdh-initdata", paramLabel = "FILE", defaultValue = ConfidentialDataHubDaemon.DEFAULT_INITDATA,
            description = "the pod's initdata as the data hub presents it when it attests itself; used if present "
                    + "(default: ${DEFAULT-VALUE})")
    Path cdhInitdata;

    /** For all three once the hub starts (until then the agent logs at its aa.toml's level). */
    @Mixin
    LogLevelOption logging;

    @Mixin
    RestOptions rest;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (AttestationAgentDaemon.Serving aa = attestationAgent.start()) {
            // The JVM runs every shutdown hook at once: the hub's stops the hub and the API, this one the agent.
            Runtime.getRuntime().addShutdownHook(new Thread(aa::close, "attestation-agent-shutdown"));
            boolean otherAgent = spec.commandLine().getParseResult().hasMatchedOption("--aa-socket");
            return dataHub().serve(otherAgent ? rest.overHub() : rest.overHub(attestationAgent.socket()));
        }
    }

    /** The hub as confidential-data-hub would be with these options: its defaults are the command's own. */
    private ConfidentialDataHubDaemon dataHub() {
        ConfidentialDataHubDaemon hub = new ConfidentialDataHubDaemon();
        new CommandLine(hub).parseArgs("--config", cdhConfig.toString(), "--initdata", cdhInitdata.toString(),
                "--log-level", logging.level());
        return hub;
    }

    public static void main(String[] args) {
        Cli.exit(args, new GuestComponents());
    }
}
