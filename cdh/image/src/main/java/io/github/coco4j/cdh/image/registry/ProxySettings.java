package io.github.coco4j.cdh.image.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code image_pull_proxy}: one proxy for HTTPS and one for plain-HTTP registries, and {@code no_proxy}
 * as reqwest reads it (comma-separated hosts, a leading dot or none matching subdomains, {@code *} for
 * all). Loopback is not exempt unless listed, as upstream.
 */
public record ProxySettings(Optional<String> httpsProxy, Optional<String> httpProxy, Optional<String> noProxy) {
    public static final ProxySettings NONE = new ProxySettings(Optional.empty(), Optional.empty(), Optional.empty());

    public ProxySettings {
        httpsProxy.ifPresent(ProxySettings::address);
        httpProxy.ifPresent(ProxySettings::address);
    }

    public ProxySelector selector() {
        List<String> exempt = noProxy.map(n -> Arrays.stream(n.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList()).orElse(List.of());
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                Optional<String> proxy = "https".equals(uri.getScheme()) ? httpsProxy : httpProxy;
                if (proxy.isEmpty() || exempted(exempt, uri.getHost())) {
                    return List.of(Proxy.NO_PROXY);
                }
                return List.of(new Proxy(Proxy.Type.HTTP, address(proxy.get())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // The pull fails with the connection error itself; there is no other proxy to try.
            }
        };
    }

    private static boolean exempted(List<String> exempt, String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        for (String rule : exempt) {
            String bare = rule.startsWith(".") ? rule.substring(1) : rule;
            if (rule.equals("*") || h.equals(bare) || h.endsWith("." + bare)) {
                return true;
            }
        }
        return false;
    }

    private static InetSocketAddress address(String proxyUrl) {
        URI uri = URI.create(proxyUrl.contains("://") ? proxyUrl : "http://" + proxyUrl);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("proxy " + proxyUrl + ": only http://HOST[:PORT] proxies are supported");
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }
}
