package io.github.coco4j.cdh.rest;

import io.github.coco4j.cdh.daemon.ConfidentialDataHubDaemon;
import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.DaemonOptions;
import java.util.concurrent.Callable;

/**
 * The data hub with the REST API in its own JVM: one JVM fewer in the guest, and a resource request
 * reaches the hub's KBC without a socket between. In the guest the listener is systemd's socket in
 * the pod's network namespace ({@code --bind inherited}), while the hub itself stays in the VM's.
 */
public final class DataHubRest implements Callable<Integer> {
    final ConfidentialDataHubDaemon hub = new ConfidentialDataHubDaemon();
    final RestOptions rest = new RestOptions();

    /** The daemon's command line: the hub's options and the REST API's. */
    public DaemonOptions options() {
        DaemonOptions options = new DaemonOptions("confidential-data-hub-rest", "The confidential data hub (its "
                + "socket, as confidential-data-hub) and, in the same process, api-server-rest's HTTP API over the "
                + "hub's resources.").version(Version::line);
        return rest.declare(hub.declare(options));
    }

    @Override
    public Integer call() throws Exception {
        return hub.serve(rest.overHub());
    }

    public static void main(String[] args) {
        DataHubRest command = new DataHubRest();
        Cli.exit(args, command.options(), command);
    }
}
