package io.github.coco4j.wire;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** gRPC over unix domain sockets (netty epoll), with upstream's {@code unix://} address forms. */
public final class GrpcUnixSockets {
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

    private GrpcUnixSockets() {
    }

    /**
     * The socket path of {@code unix:///abs/path}, {@code unix:relative/path} or a bare path.
     * Other schemes are refused with a message naming the address.
     */
    public static Path path(String address) {
        String path;
        if (address.startsWith("unix://")) {
            path = address.substring("unix://".length());
        } else if (address.startsWith("unix:")) {
            path = address.substring("unix:".length());
        } else if (!address.contains("://")) {
            path = address;
        } else {
            throw new IllegalArgumentException("'" + address + "' is not a unix socket address (unix:///path)");
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("'" + address + "' names no socket path");
        }
        return Path.of(path);
    }

    /** The host and port of {@code tcp:HOST:PORT}; empty for other addresses. */
    public static Optional<InetSocketAddress> tcpAddress(String address) {
        if (!address.startsWith("tcp:")) {
            return Optional.empty();
        }
        String hostPort = address.substring("tcp:".length());
        int colon = hostPort.lastIndexOf(':');
        IllegalArgumentException malformed = new IllegalArgumentException("'" + address + "' is not tcp:HOST:PORT");
        if (colon <= 0) {
            throw malformed;
        }
        try {
            return Optional.of(InetSocketAddress.createUnresolved(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))));
        } catch (IllegalArgumentException e) { // not a number, or not a port
            throw malformed;
        }
    }

    /** A channel to {@code tcp:HOST:PORT} or to a unix socket address. */
    public static Channel connect(String address) {
        Optional<InetSocketAddress> tcp = tcpAddress(address);
        if (tcp.isEmpty()) {
            return connect(path(address));
        }
        return open(NettyChannelBuilder.forAddress(tcp.get().getHostString(), tcp.get().getPort()), EpollSocketChannel.class);
    }

    /** A running server and the event loops it owns. */
    public static final class RunningServer implements AutoCloseable {
        private final Server server;
        private final EventLoopGroup boss;
        private final EventLoopGroup workers;
        private final Path socket;

        private RunningServer(Server server, EventLoopGroup boss, EventLoopGroup workers, Path socket) {
            this.server = server;
            this.boss = boss;
            this.workers = workers;
            this.socket = socket;
        }

        public Path socket() {
            return socket;
        }

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
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // the socket file is gone with the process or will be replaced on the next start
            }
        }
    }

    /**
     * Serves on {@code socket}, replacing a stale socket file and making the socket accessible to
     * its owner only: its callers get secrets (tokens, keys) from it.
     */
    public static RunningServer serve(Path socket, BindableService... services) throws IOException {
        Path parent = socket.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.exists(socket) && !Files.isDirectory(socket)) {
            Files.delete(socket);
        }
        EventLoopGroup boss = new EpollEventLoopGroup(1);
        EventLoopGroup workers = new EpollEventLoopGroup(2);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers);
        for (BindableService service : services) {
            builder.addService(service);
        }
        try {
            Server server = builder.build().start();
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return new RunningServer(server, boss, workers, socket);
        } catch (IOException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot serve on " + socket + ": " + e.getMessage(), e);
        }
    }

    /** A channel to a unix socket; closing it also stops its event loop. */
    public static final class Channel implements AutoCloseable {
        private final ManagedChannel channel;
        private final EventLoopGroup loop;

        private Channel(ManagedChannel channel, EventLoopGroup loop) {
            this.channel = channel;
            this.loop = loop;
        }

        public ManagedChannel grpc() {
            return channel;
        }

        @Override
        public void close() {
            channel.shutdownNow();
            try {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    public static Channel connect(Path socket) {
        return open(NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString())), EpollDomainSocketChannel.class);
    }

    /** A plain-text channel with its own one-thread event loop, which closing the channel stops. */
    private static Channel open(NettyChannelBuilder builder, Class<? extends io.netty.channel.Channel> type) {
        EventLoopGroup loop = new EpollEventLoopGroup(1);
        return new Channel(builder.eventLoopGroup(loop).channelType(type).usePlaintext().build(), loop);
    }
}
