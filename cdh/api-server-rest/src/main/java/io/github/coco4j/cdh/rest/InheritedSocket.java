package io.github.coco4j.cdh.rest;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;

/**
 * {@code --bind inherited}: the listening socket this process was started with as its standard
 * input, as systemd passes it with {@code StandardInput=socket} (and inetd did). The socket is made
 * by whoever starts the process, so it can live in another network namespace (the socket unit's
 * {@code NetworkNamespacePath=}) than the process serving it.
 */
final class InheritedSocket {
    static final String BIND = "inherited";

    private InheritedSocket() {
    }

    static ServerSocketChannel listening() throws IOException {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof ServerSocketChannel server)) {
            throw new IllegalArgumentException("--bind inherited: standard input is not a listening socket");
        }
        return server;
    }
}
