package io.github.coco4j.cdh.rest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --bind}: an IP literal and a port, as upstream's (no host names: nothing to resolve at boot). */
final class BindAddress {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");
    private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)]:(\\d{1,5})");

    private BindAddress() {
    }

    static InetSocketAddress parse(String text) {
        Matcher m = IPV4.matcher(text);
        if (!m.matches()) {
            m = IPV6.matcher(text);
        }
        if (!m.matches()) {
            throw new IllegalArgumentException("bad bind address '" + text + "' (IP:PORT or [IPv6]:PORT)");
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw new IllegalArgumentException("bad port in bind address '" + text + "'");
        }
        if (m.pattern() == IPV4 && !m.group(1).matches("((25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.|$)){4}")) {
            // Not a literal: InetAddress would try to resolve it as a host name.
            throw new IllegalArgumentException("bad IP address in bind address '" + text + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(m.group(1)), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad IP address in bind address '" + text + "'");
        }
    }

    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
