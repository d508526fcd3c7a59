package io.github.coco4j.cdh.rest;

import io.github.coco4j.cdh.daemon.ConfidentialDataHubDaemon;
import io.github.coco4j.cli.Cli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The data hub with the REST API in its own JVM: one JVM fewer in the guest, and a resource request
 * reaches the hub's KBC without a socket between. In the guest the listener is systemd's socket in
 * the pod's network namespace ({@code --bind inherited}), while the hub itself stays in the VM's.
 */
@Command(name = "confidential-data-hub-rest", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The confidential data hub (its socket, as confidential-data-hub) and, in the same process, "
                + "api-server-rest's HTTP API over the hub's resources.")
public final class DataHubRest implements Callable<Integer> {
    @Mixin
    ConfidentialDataHubDaemon hub;

    @Mixin
    RestOptions rest;

    @Override
    public Integer call() throws Exception {
        return hub.serve(rest.overHub());
    }

    public static void main(String[] args) {
        Cli.exit(args, new DataHubRest());
    }
}
