package io.github.coco4j.cdh.rest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The HTTP/1.1 listener: bounded requests without bodies, keep-alive, the router behind. */
public final class RestServer implements AutoCloseable {
    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADERS = 8192;
    /** Idle keep-alive connections close after this; one waiting for a backend is not idle. */
    static final int IDLE_SECONDS = 75;
    static final int WORKERS = 2;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private boolean closed;

    private RestServer(EventLoopGroup boss, EventLoopGroup workers, Channel listener) {
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
    }

    /** Binds {@code bind} and serves {@code router} on it. */
    static RestServer start(InetSocketAddress bind, Router router) throws IOException {
        ServerBootstrap bootstrap = bootstrap(router).channel(NioServerSocketChannel.class);
        return open(bootstrap, () -> bootstrap.bind(bind), "cannot listen on " + BindAddress.format(bind));
    }

    /** Serves {@code router} on {@code listening}, a socket bound and listening already. */
    static RestServer inherit(ServerSocketChannel listening, Router router) throws IOException {
        ServerBootstrap bootstrap = bootstrap(router).channelFactory(() -> new NioServerSocketChannel(listening));
        return open(bootstrap, bootstrap::register, "cannot serve on the inherited socket");
    }

    private static ServerBootstrap bootstrap(Router router) {
        // A handful of local clients: one thread accepts, two serve the connections (one per core).
        return new ServerBootstrap().group(new NioEventLoopGroup(1), new NioEventLoopGroup(WORKERS))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADERS, MAX_HEADERS))
                                .addLast(new HttpServerKeepAliveHandler())
                                // No route takes a body: any content is refused (413) by the aggregator.
                                .addLast(new HttpObjectAggregator(0))
                                .addLast(new HttpHandler(router));
                    }
                });
    }

    private static RestServer open(ServerBootstrap bootstrap, Supplier<ChannelFuture> listen, String failure)
            throws IOException {
        EventLoopGroup boss = bootstrap.config().group();
        EventLoopGroup workers = bootstrap.config().childGroup();
        try {
            Channel listener = listen.get().syncUninterruptibly().channel();
            return new RestServer(boss, workers, listener);
        } catch (Exception e) {
            // netty rethrows the bind's checked exception (BindException) undeclared
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException(failure + ": " + e.getMessage(), e);
        }
    }

    /** The address actually bound (the port chosen by the system when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public void awaitClose() throws InterruptedException {
        listener.closeFuture().await();
    }

    /** Closes once: the shutdown hook and the main thread's try-with-resources both get here on SIGTERM. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
