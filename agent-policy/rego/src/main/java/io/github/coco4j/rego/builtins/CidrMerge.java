package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code net.cidr_merge}: the smallest list of networks covering the given networks and
 * addresses, IPv4 before IPv6, each family by address. As in OPA, a bare IPv4 address stands
 * for its classful network (10.1.2.3 for 10.0.0.0/8, 172.16.1.1 for 172.16.0.0/16, 192.0.2.1
 * for 192.0.2.0/24).
 */
final class CidrMerge {
    private static final String NAME = "net.cidr_merge";
    private static final Comparator<IpAddresses.Network> ORDER = Comparator
            .comparingInt((IpAddresses.Network n) -> n.address().bits())
            .thenComparing(IpAddresses.Network::first)
            .thenComparingInt(IpAddresses.Network::prefix);

    private CidrMerge() {
    }

    static Value merge(Value addresses) {
        List<Value> elements = addresses instanceof SetValue s ? s.asList() : Args.array(NAME, addresses).asList();
        List<IpAddresses.Network> networks = new ArrayList<>();
        for (Value element : elements) {
            networks.add(network(Args.string(NAME, element)));
        }
        networks.sort(ORDER);
        List<IpAddresses.Network> merged = new ArrayList<>();
        for (IpAddresses.Network n : networks) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).contains(n)) {
                continue;
            }
            merged.add(n);
            mergeSiblings(merged);
        }
        List<Value> out = new ArrayList<>();
        for (IpAddresses.Network n : merged) {
            out.add(StringValue.of(n.address() + "/" + n.prefix()));
        }
        return ArrayValue.of(out);
    }

    /** While the last two networks are the two halves of one network, replaces them by it. */
    private static void mergeSiblings(List<IpAddresses.Network> merged) {
        while (merged.size() >= 2) {
            IpAddresses.Network upper = merged.get(merged.size() - 1);
            IpAddresses.Network lower = merged.get(merged.size() - 2);
            if (lower.prefix() != upper.prefix() || lower.prefix() == 0 || lower.address().bits() != upper.address().bits()) {
                return;
            }
            IpAddresses.Network parent = normalized(lower.address().value(), lower.address().bits(), lower.prefix() - 1);
            if (!parent.first().equals(lower.first()) || !parent.last().equals(upper.last())) {
                return;
            }
            merged.remove(merged.size() - 1);
            merged.set(merged.size() - 1, parent);
        }
    }

    private static IpAddresses.Network network(String text) {
        IpAddresses.Network n = text.contains("/") ? IpAddresses.parseNetwork(text) : classful(text);
        if (n == null) {
            throw new BuiltinException(NAME + ": invalid IP address or CIDR: " + text);
        }
        return normalized(n.address().value(), n.address().bits(), n.prefix());
    }

    /** A bare IPv4 address stands for its classful network; IPv6 has no classes, so needs a prefix. */
    private static IpAddresses.Network classful(String text) {
        IpAddresses.Address a = IpAddresses.parseAddress(text);
        if (a == null) {
            return null;
        }
        if (a.bits() != 32) {
            throw new BuiltinException(NAME + ": IPv6 invalid: needs prefix length");
        }
        int first = a.value().shiftRight(24).intValue();
        return new IpAddresses.Network(a, first < 128 ? 8 : first < 192 ? 16 : 24);
    }

    private static IpAddresses.Network normalized(BigInteger value, int bits, int prefix) {
        IpAddresses.Network n = new IpAddresses.Network(new IpAddresses.Address(value, bits), prefix);
        return new IpAddresses.Network(new IpAddresses.Address(n.first(), bits), prefix);
    }
}
