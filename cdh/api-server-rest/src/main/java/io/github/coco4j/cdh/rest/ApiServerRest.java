package io.github.coco4j.cdh.rest;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.DaemonOptions;
import io.github.coco4j.cli.LogLevelOption;
import io.github.coco4j.wire.DefaultAddresses;
import java.util.concurrent.Callable;

/** The api-server-rest daemon: the data hub and attestation agent over HTTP, for the pod's workloads. */
public final class ApiServerRest implements Callable<Integer> {
    final RestOptions rest = new RestOptions();
    String cdhSocket;
    final LogLevelOption logging = new LogLevelOption();

    /** The daemon's command line. */
    public DaemonOptions options() {
        DaemonOptions options = new DaemonOptions("api-server-rest", "Serves resources from the confidential data hub "
                + "(and, with --features attestation or all, evidence and tokens from the attestation agent) over "
                + "HTTP to callers on the loopback interface.")
                .version(Version::line)
                .value("-c, --cdh-socket, --cdh_addr", "ADDRESS", DefaultAddresses.CONFIDENTIAL_DATA_HUB,
                        "the confidential data hub's socket (default: ${DEFAULT-VALUE})", value -> cdhSocket = value);
        return logging.declare(rest.declare(options));
    }

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
        ApiServerRest api = new ApiServerRest();
        Cli.exit(args, api.options(), api);
    }
}
