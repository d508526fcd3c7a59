package io.github.coco4j.rego.builtins;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * IP addresses and networks read as the reference engine reads them: bare addresses with Rust's
 * standard parser (no leading zeros in IPv4 octets), networks with the ipnet crate's older copy
 * of it (leading zeros allowed, and "::" may stand for no group at all). Addresses print as Rust
 * prints them (RFC 5952, "::ffff:a.b.c.d" for IPv4-mapped ones).
 */
final class IpAddresses {
    private IpAddresses() {
    }

    record Address(BigInteger value, int bits) {
        @Override
        public String toString() {
            long[] groups = new long[bits / 16];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = value.shiftRight(bits - 16 * (i + 1)).intValue() & 0xffff;
            }
            if (bits == 32) {
                long v = value.longValue();
                return (v >> 24 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 8 & 0xff) + "." + (v & 0xff);
            }
            if (value.shiftRight(32).intValue() == 0xffff && value.shiftRight(48).signum() == 0) {
                return "::ffff:" + new Address(value.and(BigInteger.valueOf(0xffffffffL)), 32);
            }
            int bestStart = 0;
            int bestLength = 0;
            for (int i = 0; i < 8; ) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j == i ? i + 1 : j;
            }
            if (bestLength < 2) {
                return hex(groups, 0, 8);
            }
            return hex(groups, 0, bestStart) + "::" + hex(groups, bestStart + bestLength, 8);
        }

        private static String hex(long[] groups, int from, int to) {
            List<String> parts = new ArrayList<>();
            for (int i = from; i < to; i++) {
                parts.add(Long.toHexString(groups[i]));
            }
            return String.join(":", parts);
        }
    }

    record Network(Address address, int prefix) {
        private BigInteger hostMask() {
            return BigInteger.ONE.shiftLeft(address.bits() - prefix).subtract(BigInteger.ONE);
        }

        BigInteger first() {
            return address.value().andNot(hostMask());
        }

        BigInteger last() {
            return first().or(hostMask());
        }

        boolean contains(Address a) {
            return a.bits() == address.bits() && a.value().andNot(hostMask()).equals(first());
        }

        boolean contains(Network n) {
            return n.address().bits() == address.bits() && n.prefix() >= prefix && contains(n.address());
        }
    }

    /** An address as Rust's standard library parses it, or null. */
    static Address parseAddress(String s) {
        Reader r = new Reader(s, false);
        Address a = r.attempt(r::ipv4);
        if (a == null) {
            a = r.attempt(r::ipv6);
        }
        return a != null && r.atEnd() ? a : null;
    }

    /** "address/prefix" as the ipnet crate parses it, or null. */
    static Network parseNetwork(String s) {
        Reader r = new Reader(s, true);
        Network n = r.attempt(() -> r.network(r.ipv4(), 2, 32));
        if (n == null) {
            n = r.attempt(() -> r.network(r.ipv6(), 3, 128));
        }
        return n != null && r.atEnd() ? n : null;
    }

    /** A backtracking reader: a failed {@link #attempt} leaves the position where it was. */
    private static final class Reader {
        private final String s;
        private final boolean ipnet;
        private int pos;

        Reader(String s, boolean ipnet) {
            this.s = s;
            this.ipnet = ipnet;
        }

        boolean atEnd() {
            return pos == s.length();
        }

        <T> T attempt(java.util.function.Supplier<T> parser) {
            int start = pos;
            T result = parser.get();
            if (result == null) {
                pos = start;
            }
            return result;
        }

        private boolean take(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** Digits of the radix, at most {@code maxDigits} of them and below {@code limit}; null otherwise. */
        private Integer number(int radix, int maxDigits, int limit, boolean zeroPrefix) {
            return attempt(() -> {
                boolean leadingZero = pos < s.length() && s.charAt(pos) == '0';
                int value = 0;
                int digits = 0;
                while (pos < s.length() && s.charAt(pos) < 128 && Character.digit(s.charAt(pos), radix) >= 0) {
                    value = value * radix + Character.digit(s.charAt(pos++), radix);
                    if (++digits > maxDigits || value >= limit) {
                        return null;
                    }
                }
                if (digits == 0 || (!zeroPrefix && leadingZero && digits > 1)) {
                    return null;
                }
                return value;
            });
        }

        Address ipv4() {
            return attempt(() -> {
                long value = 0;
                for (int i = 0; i < 4; i++) {
                    if (i > 0 && !take('.')) {
                        return null;
                    }
                    Integer octet = number(10, 3, 256, ipnet);
                    if (octet == null) {
                        return null;
                    }
                    value = value << 8 | octet;
                }
                return new Address(BigInteger.valueOf(value), 32);
            });
        }

        Address ipv6() {
            return attempt(() -> {
                int[] head = new int[8];
                int[] headRead = groups(head, 8);
                int headSize = headRead[0];
                if (headSize == 8) {
                    return address(head, 8, new int[0], 0);
                }
                if (headRead[1] == 1 || !take(':') || !take(':')) {
                    return null;
                }
                int[] tail = new int[8];
                int tailSize = groups(tail, ipnet ? 8 - headSize : 8 - (headSize + 1))[0];
                return address(head, headSize, tail, tailSize);
            });
        }

        /** Up to {@code limit} groups, the last two of which may be an IPv4 address: {count, endedWithIpv4}. */
        private int[] groups(int[] groups, int limit) {
            for (int i = 0; i < limit; i++) {
                int index = i;
                if (i < limit - 1) {
                    Address v4 = attempt(() -> index == 0 || take(':') ? ipv4() : null);
                    if (v4 != null) {
                        long v = v4.value().longValue();
                        groups[i] = (int) (v >> 16);
                        groups[i + 1] = (int) (v & 0xffff);
                        return new int[] {i + 2, 1};
                    }
                }
                Integer group = attempt(() -> index == 0 || take(':') ? number(16, 4, 0x10000, true) : null);
                if (group == null) {
                    return new int[] {i, 0};
                }
                groups[i] = group;
            }
            return new int[] {limit, 0};
        }

        private static Address address(int[] head, int headSize, int[] tail, int tailSize) {
            int[] all = new int[8];
            System.arraycopy(head, 0, all, 0, headSize);
            System.arraycopy(tail, 0, all, 8 - tailSize, tailSize);
            BigInteger value = BigInteger.ZERO;
            for (int g : all) {
                value = value.shiftLeft(16).or(BigInteger.valueOf(g));
            }
            return new Address(value, 128);
        }

        Network network(Address address, int maxDigits, int maxPrefix) {
            if (address == null || !take('/')) {
                return null;
            }
            Integer prefix = number(10, maxDigits, maxPrefix + 1, true);
            return prefix == null ? null : new Network(address, prefix);
        }
    }
}
