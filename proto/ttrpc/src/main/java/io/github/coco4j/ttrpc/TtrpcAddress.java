package io.github.coco4j.ttrpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a ttrpc server listens or a client connects: a unix socket ({@code unix:///abs/path},
 * {@code unix:path} or a bare path) or TCP ({@code tcp:HOST:PORT} or {@code tcp://HOST:PORT},
 * an IPv6 host in brackets). These are the forms Kata's and containerd's tools accept.
 */
public final class TtrpcAddress {
    private final Path path;
    private final String host;
    private final int port;

    private TtrpcAddress(Path path, String host, int port) {
        this.path = path;
        this.host = host;
        this.port = port;
    }

    public static TtrpcAddress unix(Path path) {
        return new TtrpcAddress(path, null, -1);
    }

    public static TtrpcAddress tcp(String host, int port) {
        return new TtrpcAddress(null, host, port);
    }

    /** Parses an address; a malformed one is an IllegalArgumentException naming it. */
    public static TtrpcAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("empty ttrpc address");
        }
        if (address.startsWith("tcp:")) {
            return parseTcp(address, address.substring(address.startsWith("tcp://") ? 6 : 4));
        }
        String path;
        if (address.startsWith("unix://")) {
            path = address.substring(7);
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("'" + address + "' is not unix:///ABSOLUTE/PATH");
            }
        } else if (address.startsWith("unix:")) {
            path = address.substring(5);
        } else if (address.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !address.startsWith("./")) {
            throw new IllegalArgumentException("'" + address + "' is neither unix:PATH nor tcp:HOST:PORT");
        } else {
            path = address;
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("'" + address + "' names no socket path");
        }
        return unix(Path.of(path));
    }

    private static TtrpcAddress parseTcp(String address, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon > 0 ? hostPort.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = hostPort.substring(colon + 1);
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("'" + address + "' is not tcp:HOST:PORT");
        }
        return tcp(host, Integer.parseInt(port));
    }

    public boolean isUnix() {
        return path != null;
    }

    /** The host of a TCP address; null for a unix socket. */
    public String host() {
        return host;
    }

    /** The port of a TCP address; -1 for a unix socket. */
    public int port() {
        return port;
    }

    /** The socket file of a unix address. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The address to bind or connect: a {@link UnixDomainSocketAddress}, or TCP's with its host resolved now. */
    public SocketAddress socketAddress() {
        return isUnix() ? UnixDomainSocketAddress.of(path) : new InetSocketAddress(host, port);
    }

    /** The address in a form {@link #parse} accepts. */
    @Override
    public String toString() {
        if (isUnix()) {
            return path.isAbsolute() ? "unix://" + path : "unix:" + path;
        }
        return "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TtrpcAddress a && toString().equals(a.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
