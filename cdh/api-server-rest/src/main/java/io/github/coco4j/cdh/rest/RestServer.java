package io.github.coco4j.cdh.rest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
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
import java.util.concurrent.TimeUnit;

/** The HTTP/1.1 listener: bounded requests without bodies, keep-alive, the router behind. */
public final class RestServer implements AutoCloseable {
    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADERS = 8192;
    /** Idle keep-alive connections close after this; one waiting for a backend is not idle. */
    static final int IDLE_SECONDS = 75;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel listener;
    private boolean closed;

    private RestServer(EventLoopGroup boss, EventLoopGroup workers, Channel listener) {
        this.boss = boss;
        this.workers = workers;
        this.listener = listener;
    }

    static RestServer start(InetSocketAddress bind, Router router) throws IOException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
                .channel(NioServerSocketChannel.class)
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
        try {
            Channel listener = bootstrap.bind(bind).syncUninterruptibly().channel();
            return new RestServer(boss, workers, listener);
        } catch (Exception e) {
            // netty rethrows the bind's checked exception (BindException) undeclared
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + BindAddress.format(bind) + ": " + e.getMessage(), e);
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
