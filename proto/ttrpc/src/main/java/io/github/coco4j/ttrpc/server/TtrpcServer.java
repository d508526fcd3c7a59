package io.github.coco4j.ttrpc.server;

import io.github.coco4j.ttrpc.DaemonThreads;
import io.github.coco4j.ttrpc.TtrpcAddress;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A ttrpc server for grpc-java services: each request is dispatched to the unary method of the
 * given {@link ServerServiceDefinition}s named by its service and method, through the method's
 * handler and so through any interceptors wrapped around it.
 *
 * <p>Threads, all daemons: one accepting connections, one reading each connection, the call
 * executor's ({@link CallExecutors}) and one timing the calls' deadlines.
 *
 * <pre>
 * try (TtrpcServer server = TtrpcServer.start("unix:///run/agent.sock", new AgentService().bindService())) {
 *     server.awaitTermination();
 * }
 * </pre>
 */
public final class TtrpcServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TtrpcServer.class.getName());
    /** How long close() waits for a connection's reading thread to end. */
    private static final long THREAD_END_MILLIS = 2000;
    /** The pause after a failed accept (out of file descriptors), so that it does not spin. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final ServerSocketChannel listener;
    private final TtrpcAddress localAddress;
    private final MethodRegistry registry;
    private final ExecutorService executor;
    private final ScheduledExecutorService deadlines;
    private final int maxCallsPerConnection;
    private final int maxConnections;
    private final DaemonThreads readers = new DaemonThreads("ttrpc-server-conn");
    private final Thread acceptor;

    /** Guarded by this. */
    private final Map<ServerConnection, Thread> connections = new HashMap<>();
    private boolean closed;

    private TtrpcServer(ServerSocketChannel listener, TtrpcAddress localAddress, MethodRegistry registry, Builder builder) {
        this.listener = listener;
        this.localAddress = localAddress;
        this.registry = registry;
        this.executor = CallExecutors.of("ttrpc-call", builder.callThreads);
        this.deadlines = DaemonThreads.deadlineTimer("ttrpc-server-deadline");
        this.maxCallsPerConnection = builder.maxCallsPerConnection;
        this.maxConnections = builder.maxConnections;
        this.acceptor = new DaemonThreads("ttrpc-accept").newThread(this::accept);
    }

    /** Serves {@code services} on {@code address} with the defaults of {@link Builder}. */
    public static TtrpcServer start(String address, ServerServiceDefinition... services) throws IOException {
        Builder builder = builder(address);
        for (ServerServiceDefinition service : services) {
            builder.addService(service);
        }
        return builder.start();
    }

    public static Builder builder(String address) {
        return new Builder(TtrpcAddress.parse(address));
    }

    /** Where the server listens; for {@code tcp:HOST:0}, with the port it got. */
    public TtrpcAddress localAddress() {
        return localAddress;
    }

    /** Accepts connections until the listening socket is closed. */
    private void accept() {
        while (listener.isOpen()) {
            SocketChannel socket;
            try {
                socket = listener.accept();
            } catch (ClosedChannelException e) {
                return; // close() closed the listener
            } catch (IOException e) {
                LOG.log(Level.WARNING, "ttrpc server on " + localAddress + " cannot accept a connection", e);
                pause();
                continue;
            }
            admit(socket);
        }
    }

    /** Gives {@code socket} a reading thread, or closes it at once when the server is full or closed. */
    private void admit(SocketChannel socket) {
        try {
            if (!localAddress.isUnix()) {
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            ServerConnection connection = new ServerConnection(socket, registry, executor, deadlines, maxCallsPerConnection);
            boolean full;
            synchronized (this) {
                full = connections.size() >= maxConnections;
                if (!closed && !full) {
                    Thread reader = readers.newThread(() -> serve(connection));
                    connections.put(connection, reader);
                    reader.start();
                    return;
                }
            }
            if (full) {
                LOG.log(Level.WARNING, "ttrpc server on {0} refused a connection: it holds {1} already",
                        new Object[] {localAddress, maxConnections});
            }
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "ttrpc connection lost as it was accepted", e);
            closeQuietly(socket);
        }
    }

    private void serve(ServerConnection connection) {
        try {
            connection.run();
        } finally {
            synchronized (this) {
                connections.remove(connection);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting, closes every connection (cancelling the contexts of calls in flight, and
     * then interrupting their threads), and stops the server's threads; the socket file is removed.
     */
    @Override
    public void close() {
        Map<ServerConnection, Thread> open;
        synchronized (this) {
            closed = true;
            open = new HashMap<>(connections);
        }
        closeQuietly(listener);
        // The contexts are cancelled before the handlers are interrupted, so that they see why.
        open.keySet().forEach(ServerConnection::close);
        joinQuietly(acceptor);
        open.values().forEach(TtrpcServer::joinQuietly);
        executor.shutdownNow();
        deadlines.shutdownNow();
        localAddress.path().ifPresent(TtrpcServer::deleteSocketFile);
    }

    private static void closeQuietly(Closeable socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a ttrpc socket", e);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(THREAD_END_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isTerminated() {
        return !acceptor.isAlive() && executor.isTerminated() && deadlines.isTerminated();
    }

    /** Waits until the server is closed and its threads have ended. */
    public void awaitTermination() throws InterruptedException {
        while (!awaitTermination(1, TimeUnit.HOURS)) {
            // keep waiting
        }
    }

    /** Whether the server ended within the time given. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        acceptor.join(Math.max(1, unit.toMillis(timeout)));
        return !acceptor.isAlive()
                && executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                && deadlines.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static void deleteSocketFile(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // a leftover socket file is replaced by the next server on this path
        }
    }

    /** Services and limits of a server to start. */
    public static final class Builder {
        /** Connections the kernel queues before the acceptor takes them. */
        private static final int BACKLOG = 128;

        private final TtrpcAddress address;
        private final List<ServerServiceDefinition> services = new ArrayList<>();
        private Set<PosixFilePermission> socketPermissions = PosixFilePermissions.fromString("rw-------");
        private int maxCallsPerConnection = 256;
        private int callThreads = CallExecutors.UNBOUNDED;
        private int maxConnections = 64;

        private Builder(TtrpcAddress address) {
            this.address = address;
        }

        public Builder addService(ServerServiceDefinition service) {
            services.add(service);
            return this;
        }

        public Builder addService(BindableService service) {
            return addService(service.bindService());
        }

        /**
         * The mode of a unix socket file, owner only ({@code rw-------}) by default: a Kata
         * agent's or CDH's callers reach containers and secrets through it. Null keeps the umask's.
         */
        public Builder socketPermissions(Set<PosixFilePermission> permissions) {
            this.socketPermissions = permissions;
            return this;
        }

        /**
         * The calls one connection may have in flight (256 by default); more are answered
         * RESOURCE_EXHAUSTED. With the 4 MiB frame limit this bounds a connection's memory.
         */
        public Builder maxCallsPerConnection(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxCallsPerConnection must be at least 1, not " + max);
            }
            this.maxCallsPerConnection = max;
            return this;
        }

        /**
         * The connections the server holds at once (64 by default); a connection beyond is
         * closed as soon as it is accepted. Each costs a thread that reads it.
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, not " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * How many calls run at once over all connections ({@link CallExecutors}); unbounded by
         * default, as the agent's long polls need. A service whose calls all end promptly bounds
         * its threads with this.
         */
        public Builder callThreads(int max) {
            this.callThreads = max;
            return this;
        }

        public TtrpcServer start() throws IOException {
            MethodRegistry registry = new MethodRegistry(services);
            ServerSocketChannel listener = address.isUnix() ? ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                    : ServerSocketChannel.open();
            try {
                if (address.isUnix()) {
                    bindUnix(listener, address.path().orElseThrow());
                } else {
                    listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    listener.bind(address.socketAddress(), BACKLOG);
                }
                TtrpcServer server = new TtrpcServer(listener, boundAddress(listener), registry, this);
                server.acceptor.start();
                return server;
            } catch (IOException | RuntimeException e) { // an unresolved host is unchecked
                listener.close();
                throw new IOException("cannot serve ttrpc on " + address + ": " + e.getMessage(), e);
            }
        }

        private TtrpcAddress boundAddress(ServerSocketChannel listener) throws IOException {
            if (listener.getLocalAddress() instanceof InetSocketAddress inet) {
                return TtrpcAddress.tcp(inet.getHostString(), inet.getPort());
            }
            return address;
        }

        /**
         * Binds under a hidden name beside {@code socket}, sets the mode, then renames it: the
         * file appears under its name only once it listens and only with its mode. A client that
         * waits for the file (as the shim and the services started after this one do) then finds
         * it accepting; a file bound but not yet listening would refuse it.
         */
        private void bindUnix(ServerSocketChannel listener, Path socket) throws IOException {
            Path parent = socket.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            refuseUnlessSocket(socket);
            Path staging = socket.resolveSibling("." + socket.getFileName());
            removeLeftoverSocket(staging);
            listener.bind(UnixDomainSocketAddress.of(staging), BACKLOG);
            try {
                if (socketPermissions != null) {
                    Files.setPosixFilePermissions(staging, socketPermissions);
                }
                Files.move(staging, socket, StandardCopyOption.ATOMIC_MOVE); // replaces a file a previous server left
            } catch (IOException e) {
                deleteSocketFile(staging);
                throw e;
            }
        }

        private static void refuseUnlessSocket(Path socket) throws IOException {
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && !isSocket(socket)) {
                throw new IOException("cannot serve ttrpc on " + socket + ": it exists and is not a socket");
            }
        }

        /** Removes a socket file a server that stopped while starting left. */
        private static void removeLeftoverSocket(Path socket) throws IOException {
            refuseUnlessSocket(socket);
            Files.deleteIfExists(socket);
        }

        private static boolean isSocket(Path file) throws IOException {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & 0170000) == 0140000;
        }
    }
}
