package io.github.coco4j.cdh.service;

import io.github.coco4j.aa.client.AttestationAgentClient;
import io.github.coco4j.aa.client.AttestationAgentException;
import io.github.coco4j.proto.aa.RuntimeMeasurementResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Upstream's record of a pull in the attestation agent's runtime measurement (the Confidential
 * Containers event log), so that a verifier can see which images a guest ran. As upstream's hub: no
 * agent socket, no record; an agent that cannot measure on this platform or has measurement off is
 * only logged; a call that fails fails the pull, so that no image runs unrecorded where recording works.
 */
public final class PullMeasurement implements AutoCloseable {
    static final String DOMAIN = "github.com/confidential-containers";
    static final String OPERATION = "PullImage";
    /** Upstream's bound on the call. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(PullMeasurement.class.getName());

    private final String address;
    private final Path socket;
    private AttestationAgentClient agent;

    /** @param aaSocket cdh.toml's {@code [aa] aa_socket}, {@code unix:///path} or a bare path */
    public PullMeasurement(String aaSocket) {
        this.address = aaSocket;
        this.socket = Path.of(aaSocket.startsWith("unix://") ? aaSocket.substring("unix://".length()) : aaSocket);
    }

    /**
     * The event's content is upstream's text to the byte (a space after the comma included): the
     * register is extended with a digest over it, which a verifier recomputes from the log.
     */
    static String content(String imageUrl, String manifestDigest) {
        return "{\"image\":\"" + imageUrl + "\", \"digest\":\"" + manifestDigest + "\"}";
    }

    /** Records the pull; asked again on each pull whether the agent is there, since it may start after the hub. */
    public void record(String imageUrl, String manifestDigest) throws AttestationAgentException {
        AttestationAgentClient client = client();
        if (client == null) {
            LOG.warning(() -> "no attestation agent at " + socket + ": the pull of " + imageUrl + " is not measured");
            return;
        }
        RuntimeMeasurementResult result = client.extendRuntimeMeasurement(DOMAIN, OPERATION, content(imageUrl, manifestDigest), null);
        if (result != RuntimeMeasurementResult.OK) {
            LOG.warning(() -> "the attestation agent did not measure the pull of " + imageUrl + ": " + result);
        }
    }

    private synchronized AttestationAgentClient client() {
        if (agent == null && Files.exists(socket)) {
            agent = AttestationAgentClient.connect(address, DEADLINE);
        }
        return agent;
    }

    @Override
    public synchronized void close() {
        if (agent != null) {
            agent.close();
        }
    }
}
