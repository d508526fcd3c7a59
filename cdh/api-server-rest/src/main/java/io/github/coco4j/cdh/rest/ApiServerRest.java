package io.github.coco4j.cdh.rest;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.LogLevelOption;
import io.github.coco4j.wire.DefaultAddresses;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The api-server-rest daemon: the data hub and attestation agent over HTTP, for the pod's workloads. */
@Command(name = "api-server-rest", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serves resources from the confidential data hub (and, with --features attestation or "
                + "all, evidence and tokens from the attestation agent) over HTTP to callers on the loopback "
                + "interface.")
public final class ApiServerRest implements Callable<Integer> {
    @Mixin
    RestOptions rest;

    @Option(names = {"-c", "--cdh-socket", "--cdh_addr"}, paramLabel = "ADDRESS", defaultValue = DefaultAddresses.CONFIDENTIAL_DATA_HUB,
            description = "the confidential data hub's socket (default: ${DEFAULT-VALUE})")
    String cdhSocket;

    @Mixin
    LogLevelOption logging;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        try (RestApi api = rest.start(deadline -> new CdhClient(cdhSocket, deadline))) {
            Runtime.getRuntime().addShutdownHook(new Thread(api::close, "api-server-rest-shutdown"));
            api.awaitClose();
        }
        return 0;
    }

    public static void main(String[] args) {
        Cli.exit(args, new ApiServerRest());
    }
}
