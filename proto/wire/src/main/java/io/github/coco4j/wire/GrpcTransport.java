package io.github.coco4j.wire;

import io.github.coco4j.ttrpc.TtrpcAddress;
import io.github.coco4j.ttrpc.server.CallExecutors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** gRPC (grpc-netty on epoll) on unix sockets and TCP, for {@code grpc+} endpoints. */
final class GrpcTransport {
    /**
     * gRPC always asks for TCP keep-alive, which domain sockets do not have; netty warns about it
     * on every connection. Held here so the level setting is not garbage collected.
     */
    private static final Logger NETTY_BOOTSTRAP = Logger.getLogger("io.netty.bootstrap.Bootstrap");
    private static final Logger NETTY_SERVER_BOOTSTRAP = Logger.getLogger("io.netty.bootstrap.ServerBootstrap");

    static {
        NETTY_BOOTSTRAP.setLevel(Level.SEVERE);
        NETTY_SERVER_BOOTSTRAP.setLevel(Level.SEVERE);
    }

    private GrpcTransport() {
    }

    static Listener serve(Endpoint endpoint, int callThreads, ServerServiceDefinition... services) throws IOException {
        TtrpcAddress address = endpoint.address();
        Optional<Path> socket = address.path();
        if (socket.isPresent()) {
            replaceStaleSocket(socket.get());
        }
        EventLoopGroup boss = new EpollEventLoopGroup(1);
        EventLoopGroup workers = new EpollEventLoopGroup(2);
        ExecutorService calls = CallExecutors.of("grpc-call", callThreads);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(nettyAddress(address))
                .channelType(socket.isPresent() ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class)
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .executor(calls);
        for (ServerServiceDefinition service : services) {
            builder.addService(service);
        }
        try {
            Server server = builder.build().start();
            if (socket.isPresent()) {
                Files.setPosixFilePermissions(socket.get(), PosixFilePermissions.fromString("rw-------"));
            }
            return new GrpcListener(server, boss, workers, calls, bound(endpoint, server));
        } catch (IOException | RuntimeException e) {
            calls.shutdownNow();
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot serve on " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** A plain-text channel with its own one-thread event loop, which closing the channel stops. */
    static Connection connect(Endpoint endpoint) {
        TtrpcAddress address = endpoint.address();
        EventLoopGroup loop = new EpollEventLoopGroup(1);
        ManagedChannel channel = NettyChannelBuilder.forAddress(nettyAddress(address))
                .channelType(address.isUnix() ? EpollDomainSocketChannel.class : EpollSocketChannel.class)
                .eventLoopGroup(loop).usePlaintext().build();
        return Connection.of(channel, () -> loop.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    }

    /** Netty's epoll channels take unix sockets as its own address type, not the JDK's. */
    private static SocketAddress nettyAddress(TtrpcAddress address) {
        return address.path().<SocketAddress>map(path -> new DomainSocketAddress(path.toString())).orElseGet(address::socketAddress);
    }

    private static void replaceStaleSocket(Path socket) throws IOException {
        Path parent = socket.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.exists(socket) && !Files.isDirectory(socket)) {
            Files.delete(socket);
        }
    }

    private static Endpoint bound(Endpoint endpoint, Server server) {
        if (endpoint.address().isUnix() || !(server.getListenSockets().get(0) instanceof InetSocketAddress tcp)) {
            return endpoint;
        }
        return new Endpoint(Endpoint.Protocol.GRPC, TtrpcAddress.tcp(endpoint.address().host(), tcp.getPort()));
    }

    /** A running gRPC server and the event loops it owns. */
    private static final class GrpcListener implements Listener {
        private final Server server;
        private final EventLoopGroup boss;
        private final EventLoopGroup workers;
        private final ExecutorService calls;
        private final Endpoint endpoint;

        GrpcListener(Server server, EventLoopGroup boss, EventLoopGroup workers, ExecutorService calls, Endpoint endpoint) {
            this.server = server;
            this.boss = boss;
            this.workers = workers;
            this.calls = calls;
            this.endpoint = endpoint;
        }

        @Override
        public Endpoint endpoint() {
            return endpoint;
        }

        @Override
        public void awaitTermination() throws InterruptedException {
            server.awaitTermination();
        }

        @Override
        public void close() {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            calls.shutdownNow();
            endpoint.address().path().ifPresent(GrpcTransport::deleteSocketFile);
        }
    }

    private static void deleteSocketFile(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the socket file is gone with the process or will be replaced on the next start
        }
    }
}
