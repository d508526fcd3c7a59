package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The network builtins: the reference engine's {@code net.cidr_is_valid}, {@code net.cidr_contains}
 * and {@code net.cidr_expand} (their argument errors name them without the {@code net.} prefix,
 * as it does), OPA's {@code net.cidr_merge}, {@code net.cidr_intersects} and
 * {@code net.cidr_contains_matches}, and {@code http.send}, which always fails here (the
 * engine makes no network calls) but is known, so that tests can replace it with {@code with}.
 */
final class NetBuiltins implements BuiltinFamily {
    /** Expanding more addresses than this is refused rather than exhausting memory. */
    static final int EXPAND_LIMIT = 1 << 16;

    @Override
    public void register(Builtins t) {
        t.add("net.cidr_is_valid", 1, (c, a) -> BoolValue.of(isValid(Args.string("cidr_is_valid", a[0]))));
        t.add("net.cidr_contains", 2, (c, a) -> {
            String cidr = Args.string("cidr_contains", a[0]);
            String cidrOrIp = Args.string("cidr_contains", a[1]);
            return BoolValue.of(contains(cidr, cidrOrIp));
        });
        t.add("net.cidr_expand", 1, (c, a) -> expand(Args.string("cidr_expand", a[0])));
        t.add("net.cidr_merge", 1, (c, a) -> CidrMerge.merge(a[0]));
        t.add("net.cidr_intersects", 2, (c, a) -> BoolValue.of(CidrMatches.intersects(
                Args.string("net.cidr_intersects", a[0]), Args.string("net.cidr_intersects", a[1]))));
        t.add("net.cidr_contains_matches", 2, (c, a) -> CidrMatches.containsMatches(a[0], a[1]));
        t.add("http.send", 1, (c, a) -> {
            throw new BuiltinException("http.send: network requests are not supported by this engine");
        });
    }

    /** An address as the standard library reads it, then a decimal prefix length in range. */
    private static boolean isValid(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        IpAddresses.Address address = IpAddresses.parseAddress(cidr.substring(0, slash));
        Integer prefix = smallInteger(cidr.substring(slash + 1));
        return address != null && prefix != null && prefix >= 0 && prefix <= address.bits();
    }

    /** Rust's i16 parsing: an optional sign and decimal digits. */
    private static Integer smallInteger(String s) {
        if (!s.matches("[+-]?[0-9]+")) {
            return null;
        }
        BigInteger n = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        return n.bitLength() < 16 ? n.intValue() : null;
    }

    static boolean contains(String cidr, String cidrOrIp) {
        IpAddresses.Network net = IpAddresses.parseNetwork(cidr);
        if (net == null) {
            throw new BuiltinException("Error parsing " + cidr + ": invalid IP address syntax");
        }
        if (cidrOrIp.contains("/")) {
            IpAddresses.Network subnet = IpAddresses.parseNetwork(cidrOrIp);
            if (subnet == null) {
                throw new BuiltinException("Error parsing " + cidrOrIp + " as CIDR: invalid IP address syntax");
            }
            return net.contains(subnet);
        }
        IpAddresses.Address address = IpAddresses.parseAddress(cidrOrIp);
        if (address == null) {
            throw new BuiltinException("Error parsing " + cidrOrIp + " as IP address: invalid IP address syntax");
        }
        return net.contains(address);
    }

    /** Every address of the network, its network and broadcast addresses included. */
    private static Value expand(String cidr) {
        IpAddresses.Network net = IpAddresses.parseNetwork(cidr);
        if (net == null) {
            throw new BuiltinException("Error parsing " + cidr + ": invalid IP address syntax");
        }
        BigInteger first = net.first();
        BigInteger count = net.last().subtract(first).add(BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(EXPAND_LIMIT)) > 0) {
            throw new BuiltinException("cidr_expand: " + cidr + " holds " + count + " addresses, more than "
                    + EXPAND_LIMIT + " can be expanded");
        }
        List<Value> hosts = new ArrayList<>(count.intValue());
        for (int i = 0; i < count.intValue(); i++) {
            hosts.add(StringValue.of(new IpAddresses.Address(first.add(BigInteger.valueOf(i)), net.address().bits()).toString()));
        }
        return ArrayValue.of(hosts);
    }
}
