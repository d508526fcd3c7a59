package io.github.coco4j.cdh.rest;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.LogLevelOption;
import io.github.coco4j.aa.client.AttestationAgentClient;
import io.github.coco4j.wire.DefaultAddresses;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The api-server-rest daemon: the data hub and attestation agent over HTTP, for the pod's workloads. */
@Command(name = "api-server-rest", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serves resources from the confidential data hub (and, with --features attestation or "
                + "all, evidence and tokens from the attestation agent) over HTTP to callers on the loopback "
                + "interface.")
public final class ApiServerRest implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(ApiServerRest.class.getName());

    // The short names and the underscore spellings are upstream's, so its service units keep working.
    @Option(names = {"-b", "--bind"}, paramLabel = "IP:PORT", defaultValue = "127.0.0.1:8006",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = {"-f", "--features"}, paramLabel = "FEATURES", defaultValue = "resource",
            description = "resource, attestation or all (default: ${DEFAULT-VALUE})")
    String features;

    @Option(names = {"-c", "--cdh-socket", "--cdh_addr"}, paramLabel = "ADDRESS", defaultValue = DefaultAddresses.CONFIDENTIAL_DATA_HUB,
            description = "the confidential data hub's gRPC socket (default: ${DEFAULT-VALUE})")
    String cdhSocket;

    @Option(names = {"-a", "--aa-socket", "--aa_addr"}, paramLabel = "ADDRESS", defaultValue = DefaultAddresses.ATTESTATION_AGENT,
            description = "the attestation agent's gRPC socket (default: ${DEFAULT-VALUE})")
    String aaSocket;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long a backend may take to answer one request (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Mixin
    LogLevelOption logging;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        Features enabled = Features.parse(features);
        InetSocketAddress address = BindAddress.parse(bind);
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        Duration deadline = Duration.ofSeconds(timeoutSeconds);
        LOG.info(() -> "starting API server on " + bind + " with features " + enabled.wireName());
        try (CdhClient cdh = enabled.resource() ? new CdhClient(cdhSocket, deadline) : null;
             AttestationAgentClient aa = enabled.attestation() ? AttestationAgentClient.connect(aaSocket, deadline) : null;
             RestServer server = RestServer.start(address, new Router(enabled, cdh, aa, Version.get()))) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "api-server-rest-shutdown"));
            LOG.info(() -> "API server listening on http://" + BindAddress.format(server.address()));
            server.awaitClose();
        }
        return 0;
    }

    public static void main(String[] args) {
        Cli.exit(args, new ApiServerRest());
    }
}
