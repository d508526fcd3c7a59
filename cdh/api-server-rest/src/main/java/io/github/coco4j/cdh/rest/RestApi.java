package io.github.coco4j.cdh.rest;

import io.github.coco4j.aa.client.AttestationAgentClient;

/** The REST API serving: its listener and its backends (either may be null when its feature is off). */
final class RestApi implements AutoCloseable {
    private final RestServer server;
    private final ResourceSource cdh;
    private final AttestationAgentClient aa;
    private boolean closed;

    RestApi(RestServer server, ResourceSource cdh, AttestationAgentClient aa) {
        this.server = server;
        this.cdh = cdh;
        this.aa = aa;
    }

    void awaitClose() throws InterruptedException {
        server.awaitClose();
    }

    /**
     * Closes the listener first, so that no request reaches a closed backend; once, as the shutdown
     * hook and the main thread both get here on SIGTERM.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.close();
        }
        if (cdh != null) {
            cdh.close();
        }
        if (aa != null) {
            aa.close();
        }
    }
}
