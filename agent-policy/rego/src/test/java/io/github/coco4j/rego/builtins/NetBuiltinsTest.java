package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.assertFails;
import static io.github.coco4j.rego.builtins.BuiltinCalls.s;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NetBuiltinsTest {
    @Test
    void validity() {
        for (String valid : new String[] {"127.0.0.1/32", "10.0.0.0/8", "0.1.2.3/32", "::1/128", "10.1.2.3/+8", "::ffff:1.2.3.4/0"}) {
            assertEquals(v("true"), strict("net.cidr_is_valid", s(valid)), valid);
        }
        for (String invalid : new String[] {"256.0.0.0/8", "127.0.0.1/33", "::1/129", "10.0.0.0", "010.0.0.0/8", "1.2.3.4/", "fe80::1%eth0/64"}) {
            assertEquals(v("false"), strict("net.cidr_is_valid", s(invalid)), invalid);
        }
        assertFails("`cidr_is_valid` expects string argument. Got `1` instead", "net.cidr_is_valid", v("1"));
    }

    @Test
    void containment() {
        assertEquals(v("true"), strict("net.cidr_contains", s("10.0.0.0/8"), s("10.10.10.10")));
        assertEquals(v("true"), strict("net.cidr_contains", s("10.1.2.3/8"), s("10.10.10.0/24")));
        assertEquals(v("false"), strict("net.cidr_contains", s("10.0.0.0/8"), s("11.0.0.1")));
        assertEquals(v("true"), strict("net.cidr_contains", s("fd00::/16"), s("fd00::/17")));
        assertEquals(v("false"), strict("net.cidr_contains", s("fd00::/16"), s("fd00::/15")));
        assertEquals(v("false"), strict("net.cidr_contains", s("0.0.0.0/0"), s("::1")));
        // Networks take leading zeros (as the ipnet crate reads them), bare addresses do not.
        assertEquals(v("true"), strict("net.cidr_contains", s("010.0.0.0/8"), s("10.0.0.1")));
        assertFails("Error parsing 010.0.0.1 as IP address: invalid IP address syntax", "net.cidr_contains", s("10.0.0.0/8"), s("010.0.0.1"));
        assertFails("Error parsing not a cidr: invalid IP address syntax", "net.cidr_contains", s("not a cidr"), s("10.0.0.1"));
        assertFails("Error parsing 10.0.0.0/33 as CIDR: invalid IP address syntax", "net.cidr_contains", s("10.0.0.0/8"), s("10.0.0.0/33"));
        assertFails("`cidr_contains` expects string argument. Got `1` instead", "net.cidr_contains", s("10.0.0.0/8"), v("1"));
    }

    @Test
    void expansionIncludesNetworkAndBroadcast() {
        assertEquals(v("['127.0.0.1']"), strict("net.cidr_expand", s("127.0.0.1/32")));
        assertEquals(v("['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3']"), strict("net.cidr_expand", s("10.0.0.1/30")));
        assertEquals(v("['fd00::', 'fd00::1', 'fd00::2', 'fd00::3']"), strict("net.cidr_expand", s("fd00::/126")));
        assertEquals(v("['::ffff:1.2.3.4']"), strict("net.cidr_expand", s("::ffff:1.2.3.4/128")));
        assertEquals(v("['1:0:0:1::1']"), strict("net.cidr_expand", s("1:0:0:1:0:0:0:1/128")));
        assertEquals(v("['1::1:0:0:1']"), strict("net.cidr_expand", s("1:0:0:0:1:0:0:1/128")));
        assertFails("Error parsing 10.0.0.0: invalid IP address syntax", "net.cidr_expand", s("10.0.0.0"));
    }

    @Test
    void mergeTakesBareIpv4AsItsClassfulNetworkButWantsAPrefixForIpv6() {
        assertEquals(v("['10.0.0.0/8']"), strict("net.cidr_merge", v("['10.1.2.3']")));
        assertEquals(v("['2601:600:8a80:207e::/64']"), strict("net.cidr_merge", v("['2601:600:8a80:207e::1/64']")));
        assertFails("net.cidr_merge: IPv6 invalid: needs prefix length", "net.cidr_merge", v("['2601:600:8a80:207e::1']"));
    }
}
