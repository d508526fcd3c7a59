package io.github.coco4j.cdh.rest;

import io.github.coco4j.aa.client.AttestationAgentClient;
import io.github.coco4j.cdh.daemon.ConfidentialDataHubDaemon;
import io.github.coco4j.cli.DaemonOptions;
import io.github.coco4j.wire.DefaultAddresses;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The REST API's options and its start, shared by {@code api-server-rest} and the commands that
 * serve the API from the data hub's JVM ({@code confidential-data-hub-rest}, {@code guest-components}).
 */
public final class RestOptions {
    private static final Logger LOG = Logger.getLogger(RestOptions.class.getName());

    private String bind;
    private String features;
    private String aaSocket;
    private int timeoutSeconds;

    /** Declares the REST API's options among {@code options}. */
    public DaemonOptions declare(DaemonOptions options) {
        // The short names and the underscore spellings are upstream's, so its service units keep working.
        return options
                .value("-b, --bind", "IP:PORT", "127.0.0.1:8006", "address to listen on, or 'inherited' for the "
                        + "listening socket given as standard input (systemd's StandardInput=socket) "
                        + "(default: ${DEFAULT-VALUE})", value -> bind = value)
                .value("-f, --features", "FEATURES", "resource", "resource, attestation or all "
                        + "(default: ${DEFAULT-VALUE})", value -> features = value)
                .value("-a, --aa-socket, --aa_addr", "ADDRESS", DefaultAddresses.ATTESTATION_AGENT,
                        "the attestation agent's socket (default: ${DEFAULT-VALUE})", value -> aaSocket = value)
                .intValue("--timeout", "SECONDS", "60", "how long a backend may take to answer one request "
                        + "(default: ${DEFAULT-VALUE})", value -> timeoutSeconds = value);
    }

    /** The API over the hub's KBC, started once the hub serves: no socket between the two. */
    public ConfidentialDataHubDaemon.Alongside overHub() {
        return overHub(aaSocket);
    }

    /** The same, asking the attestation agent at {@code attestationAgent} instead of {@code --aa-socket}. */
    public ConfidentialDataHubDaemon.Alongside overHub(String attestationAgent) {
        return kbc -> start(deadline -> new HubResources(kbc, deadline), attestationAgent);
    }

    /**
     * Checks the options, then listens and serves; {@code resources} makes the resource backend
     * for the given deadline, and is only called with the resource feature on.
     */
    RestApi start(Function<Duration, ResourceSource> resources) throws Exception {
        return start(resources, aaSocket);
    }

    private RestApi start(Function<Duration, ResourceSource> resources, String attestationAgent) throws Exception {
        Features enabled = Features.parse(features);
        boolean inherited = bind.equals(InheritedSocket.BIND);
        ServerSocketChannel listening = inherited ? InheritedSocket.listening() : null;
        InetSocketAddress address = inherited ? null : BindAddress.parse(bind);
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        Duration deadline = Duration.ofSeconds(timeoutSeconds);
        LOG.info(() -> "starting API server on " + bind + " with features " + enabled.wireName());
        ResourceSource cdh = null;
        AttestationAgentClient aa = null;
        try {
            cdh = enabled.resource() ? resources.apply(deadline) : null;
            aa = enabled.attestation() ? AttestationAgentClient.connect(attestationAgent, deadline) : null;
            Router router = new Router(enabled, cdh, aa, Version.get());
            RestServer server = inherited ? RestServer.inherit(listening, router) : RestServer.start(address, router);
            LOG.info(() -> "API server listening on http://" + BindAddress.format(server.address()));
            return new RestApi(server, cdh, aa);
        } catch (Exception | Error e) {
            new RestApi(null, cdh, aa).close();
            throw e;
        }
    }
}
