package io.github.coco4j.ttrpc.server;

import io.github.coco4j.ttrpc.EpollTransport;
import io.github.coco4j.ttrpc.TtrpcAddress;
import io.github.coco4j.ttrpc.frame.FrameDecoder;
import io.github.coco4j.ttrpc.frame.FrameEncoder;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A ttrpc server for grpc-java services: each request is dispatched to the unary method of the
 * given {@link ServerServiceDefinition}s named by its service and method, through the method's
 * handler and so through any interceptors wrapped around it.
 *
 * <pre>
 * try (TtrpcServer server = TtrpcServer.start("unix:///run/agent.sock", new AgentService().bindService())) {
 *     server.awaitTermination();
 * }
 * </pre>
 */
public final class TtrpcServer implements AutoCloseable {
    /** How long close() lets the event loops finish writing before they stop. */
    private static final long SHUTDOWN_QUIET_MILLIS = 100;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2000;

    private final Channel listener;
    private final EventLoopGroup eventLoops;
    private final ExecutorService executor;
    private final ChannelGroup connections;
    private final TtrpcAddress localAddress;

    private TtrpcServer(Channel listener, EventLoopGroup eventLoops, ExecutorService executor, ChannelGroup connections,
            TtrpcAddress localAddress) {
        this.listener = listener;
        this.eventLoops = eventLoops;
        this.executor = executor;
        this.connections = connections;
        this.localAddress = localAddress;
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

    /**
     * Stops accepting, closes every connection (cancelling the contexts of calls in flight, and
     * interrupting their threads), and stops the server's threads; the socket file is removed.
     */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        // The event loops cancel the calls' contexts as the connections go inactive: only then
        // are the handlers interrupted, so that they see why.
        eventLoops.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        executor.shutdownNow();
        localAddress.path().ifPresent(TtrpcServer::deleteSocketFile);
    }

    public boolean isTerminated() {
        return eventLoops.isTerminated() && executor.isTerminated();
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
        listener.closeFuture().await(unit.toMillis(timeout));
        if (!eventLoops.terminationFuture().await(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))) {
            return false;
        }
        return executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
        private final TtrpcAddress address;
        private final List<ServerServiceDefinition> services = new ArrayList<>();
        private Set<PosixFilePermission> socketPermissions = PosixFilePermissions.fromString("rw-------");
        private int maxCallsPerConnection = 256;
        private int callThreads = CallExecutors.UNBOUNDED;

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
            if (address.isUnix()) {
                prepareSocketPath(address.path().orElseThrow());
            }
            EventLoopGroup eventLoops = EpollTransport.eventLoops(2, "ttrpc-server");
            ExecutorService executor = CallExecutors.of("ttrpc-call", callThreads);
            ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            int maxCalls = maxCallsPerConnection;
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(eventLoops)
                    .channel(EpollTransport.serverChannelType(address))
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            connections.add(channel);
                            channel.pipeline().addLast(new FrameDecoder(), FrameEncoder.INSTANCE,
                                    new ServerConnection(registry, executor, maxCalls));
                        }
                    });
            try {
                Channel listener = bootstrap.bind(address.socketAddress()).sync().channel();
                if (address.isUnix() && socketPermissions != null) {
                    Files.setPosixFilePermissions(address.path().orElseThrow(), socketPermissions);
                }
                return new TtrpcServer(listener, eventLoops, executor, connections, boundAddress(listener));
            } catch (Exception e) { // netty's sync() rethrows bind errors undeclared
                executor.shutdownNow();
                eventLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                throw new IOException("cannot serve ttrpc on " + address + ": " + e.getMessage(), e);
            }
        }

        private TtrpcAddress boundAddress(Channel listener) {
            if (listener.localAddress() instanceof InetSocketAddress inet) {
                return TtrpcAddress.tcp(inet.getHostString(), inet.getPort());
            }
            return address;
        }

        /** Creates the socket's directory and removes a socket file a previous server left. */
        private static void prepareSocketPath(Path socket) throws IOException {
            Path parent = socket.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                if ((mode & 0170000) != 0140000) {
                    throw new IOException("cannot serve ttrpc on " + socket + ": it exists and is not a socket");
                }
                Files.delete(socket);
            }
        }
    }
}
