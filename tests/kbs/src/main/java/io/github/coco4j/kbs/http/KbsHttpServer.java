package io.github.coco4j.kbs.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** The KBS listening on each configured socket, over HTTPS unless told to use plain HTTP. */
public final class KbsHttpServer implements AutoCloseable {
    private static final int WORKERS = 16;
    /**
     * Seconds a client has to send a request's headers and body. The JDK server reads them on a
     * worker thread, so without a bound a few clients sending a body slowly would hold every worker.
     */
    static final int REQUEST_SECONDS = 5;

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each answer
        // then waits for the client's delayed ACK (~40 ms on Linux).
        defaultProperty("sun.net.httpserver.nodelay", "true");
        // Read once, when the JDK server is first used: so set here, before any server starts.
        defaultProperty("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private final List<HttpServer> servers;
    private final ExecutorService executor;
    private final boolean tls;

    private KbsHttpServer(List<HttpServer> servers, ExecutorService executor, boolean tls) {
        this.servers = servers;
        this.executor = executor;
        this.tls = tls;
    }

    /** @param tls the server's TLS context, or null for plain HTTP */
    public static KbsHttpServer start(List<InetSocketAddress> sockets, SSLContext tls, HttpHandler api)
            throws IOException {
        ExecutorService executor = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "kbs-http");
            thread.setDaemon(true);
            return thread;
        });
        List<HttpServer> servers = new ArrayList<>();
        try {
            for (InetSocketAddress socket : sockets) {
                HttpServer server;
                if (tls != null) {
                    HttpsServer https = HttpsServer.create(socket, 64);
                    https.setHttpsConfigurator(new HttpsConfigurator(tls));
                    server = https;
                } else {
                    server = HttpServer.create(socket, 64);
                }
                server.createContext("/", api);
                server.setExecutor(executor);
                server.start();
                servers.add(server);
            }
        } catch (IOException e) {
            servers.forEach(s -> s.stop(0));
            executor.shutdownNow();
            throw new IOException("cannot listen: " + e.getMessage(), e);
        }
        return new KbsHttpServer(servers, executor, tls != null);
    }

    /** The base URLs the KBS serves on, with the ports actually bound. */
    public List<String> urls() {
        List<String> urls = new ArrayList<>();
        for (HttpServer server : servers) {
            InetSocketAddress address = server.getAddress();
            String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
            urls.add((tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + address.getPort());
        }
        return urls;
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        executor.shutdownNow();
    }
}
