package io.github.coco4j.cdh.rest;

import io.github.coco4j.aa.client.AttestationAgentClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** A REST server on a free port with its backend clients, as the daemon wires them. */
final class TestServer implements AutoCloseable {
    private final CdhClient cdh;
    private final AttestationAgentClient aa;
    private final RestServer server;

    TestServer(InetAddress bind, Features features, Path backendSocket, Duration deadline) throws Exception {
        String address = "unix://" + backendSocket;
        cdh = features.resource() ? new CdhClient(address, deadline) : null;
        aa = features.attestation() ? AttestationAgentClient.connect(address, deadline) : null;
        server = RestServer.start(new InetSocketAddress(bind, 0), new Router(features, cdh, aa, Version.get()));
    }

    static TestServer loopback(Features features, Path backendSocket, Duration deadline) throws Exception {
        return new TestServer(InetAddress.getLoopbackAddress(), features, backendSocket, deadline);
    }

    int port() {
        return server.address().getPort();
    }

    String url(String path) {
        return "http://" + BindAddress.format(server.address()) + path;
    }

    @Override
    public void close() {
        server.close();
        if (cdh != null) {
            cdh.close();
        }
        if (aa != null) {
            aa.close();
        }
    }
}
