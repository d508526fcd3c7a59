package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's {@code net.cidr_contains_matches} and {@code net.cidr_intersects}. Each operand of the
 * former is one string, or an array, set or object of entries; an entry is a string or a tuple (a
 * non-empty array) whose first element is the string. A match pairs the keys of both entries: the
 * string itself for a lone string, the index in an array, the element in a set, the key in an object.
 */
final class CidrMatches {
    private static final String CONTAINS_MATCHES = "net.cidr_contains_matches";

    private CidrMatches() {
    }

    /** One entry of an operand: the key it is reported by and the CIDR or address it holds. */
    private record Entry(Value key, String text) {
    }

    static Value containsMatches(Value cidrs, Value cidrsOrIps) {
        List<Entry> outer = entries(1, cidrs);
        List<Entry> inner = entries(2, cidrsOrIps);
        List<Value> matches = new ArrayList<>();
        for (Entry cidr : outer) {
            IpAddresses.Network net = network(CONTAINS_MATCHES, cidr.text());
            for (Entry candidate : inner) {
                if (contains(net, candidate.text())) {
                    matches.add(ArrayValue.of(List.of(cidr.key(), candidate.key())));
                }
            }
        }
        return SetValue.of(matches);
    }

    static boolean intersects(String a, String b) {
        IpAddresses.Network first = network("net.cidr_intersects", a);
        IpAddresses.Network second = network("net.cidr_intersects", b);
        int bits = first.address().bits();
        return bits == second.address().bits()
                && (first.contains(new IpAddresses.Address(second.first(), bits))
                || second.contains(new IpAddresses.Address(first.first(), bits)));
    }

    private static List<Entry> entries(int operand, Value v) {
        List<Entry> out = new ArrayList<>();
        if (v instanceof StringValue s) {
            out.add(new Entry(s, s.value()));
        } else if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Entry(NumberValue.of(i), text(operand, a.get(i))));
            }
        } else if (v instanceof SetValue s) {
            s.asList().forEach(e -> out.add(new Entry(e, text(operand, e))));
        } else if (v instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                out.add(new Entry(o.keyAt(i), text(operand, o.valueAt(i))));
            }
        } else {
            throw new BuiltinException(CONTAINS_MATCHES + ": operand " + operand
                    + " must be string, array, set or object but got " + v.typeName());
        }
        return out;
    }

    private static String text(int operand, Value entry) {
        Value first = entry instanceof ArrayValue a && a.size() > 0 ? a.get(0) : entry;
        if (first instanceof StringValue s) {
            return s.value();
        }
        throw new BuiltinException(CONTAINS_MATCHES + ": operand " + operand
                + ": element must be string or non-empty array");
    }

    private static IpAddresses.Network network(String fn, String cidr) {
        IpAddresses.Network net = IpAddresses.parseNetwork(cidr);
        if (net == null) {
            throw new BuiltinException(fn + ": invalid CIDR " + cidr);
        }
        return net;
    }

    /** A CIDR contains a network inside it or one of its addresses. */
    private static boolean contains(IpAddresses.Network net, String cidrOrIp) {
        if (cidrOrIp.contains("/")) {
            return net.contains(network(CONTAINS_MATCHES, cidrOrIp));
        }
        IpAddresses.Address address = IpAddresses.parseAddress(cidrOrIp);
        if (address == null) {
            throw new BuiltinException(CONTAINS_MATCHES + ": invalid IP address " + cidrOrIp);
        }
        return net.contains(address);
    }
}
