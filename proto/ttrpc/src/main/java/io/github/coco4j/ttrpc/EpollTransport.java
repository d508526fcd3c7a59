package io.github.coco4j.ttrpc;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The netty transport of both ends: epoll, the only one of netty 4.1 with unix domain sockets.
 * Event loop threads are daemons so that a forgotten channel never keeps a JVM alive.
 */
public final class EpollTransport {
    private EpollTransport() {
    }

    public static EventLoopGroup eventLoops(int threads, String name) {
        Epoll.ensureAvailability();
        return new EpollEventLoopGroup(threads, new DefaultThreadFactory(name, true));
    }

    public static Class<? extends ServerChannel> serverChannelType(TtrpcAddress address) {
        return address.isUnix() ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class;
    }

    public static Class<? extends Channel> channelType(TtrpcAddress address) {
        return address.isUnix() ? EpollDomainSocketChannel.class : EpollSocketChannel.class;
    }
}
