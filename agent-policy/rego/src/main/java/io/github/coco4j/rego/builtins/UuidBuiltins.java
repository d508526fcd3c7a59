package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * {@code uuid.rfc4122}: a random version 4 UUID, the same one for the same key throughout an
 * evaluation. {@code uuid.parse}: the fields of a UUID in any of the uuid crate's forms (plain,
 * hyphenated, braced, URN); undefined for anything else.
 */
final class UuidBuiltins implements BuiltinFamily {
    /** 100 ns intervals between 1582-10-15 and 1970-01-01. */
    private static final long GREGORIAN_OFFSET = 0x01B21DD213814000L;
    private static final BigInteger U64 = BigInteger.ONE.shiftLeft(64);

    @Override
    public void register(Builtins t) {
        t.add("uuid.rfc4122", 1, (c, a) -> {
            String key = Args.string("uuid.rfc4122", a[0]);
            return (Value) c.evaluationCache().computeIfAbsent(List.of("uuid.rfc4122", key),
                    k -> StringValue.of(UUID.randomUUID().toString()));
        });
        t.add("uuid.parse", 1, (c, a) -> {
            byte[] b = bytes(Args.string("uuid.parse", a[0]));
            return b == null ? null : fields(b);
        });
    }

    /** The 16 bytes, or null when the text is not a UUID. */
    static byte[] bytes(String s) {
        String hex;
        if (s.length() == 32) {
            hex = s;
        } else if (s.length() == 36) {
            hex = hyphenated(s);
        } else if (s.length() == 38 && s.startsWith("{") && s.endsWith("}")) {
            hex = hyphenated(s.substring(1, 37));
        } else if (s.length() == 45 && s.startsWith("urn:uuid:")) {
            hex = hyphenated(s.substring(9));
        } else {
            return null;
        }
        if (hex == null || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 && ch < 128)) {
            return null;
        }
        return HexFormat.of().parseHex(hex);
    }

    private static String hyphenated(String s) {
        for (int i : new int[] {8, 13, 18, 23}) {
            if (s.charAt(i) != '-') {
                return null;
            }
        }
        String hex = s.replace("-", "");
        return hex.length() == 32 ? hex : null;
    }

    private static Value fields(byte[] b) {
        int version = (b[6] >> 4) & 0xf;
        ObjectValue.Builder out = ObjectValue.builder()
                .put("version", NumberValue.of(version))
                .put("variant", StringValue.of(variant(b[8] & 0xff)));
        Long nanos = switch (version) {
            case 1, 2 -> gregorian(((long) (b[6] & 0x0f) << 56) | (u(b[7]) << 48) | (u(b[4]) << 40) | (u(b[5]) << 32)
                    | (u(b[0]) << 24) | (u(b[1]) << 16) | (u(b[2]) << 8) | u(b[3]));
            case 6 -> gregorian((u(b[0]) << 52) | (u(b[1]) << 44) | (u(b[2]) << 36) | (u(b[3]) << 28)
                    | (u(b[4]) << 20) | (u(b[5]) << 12) | ((long) (b[6] & 0x0f) << 8) | u(b[7]));
            case 7 -> {
                long millis = (u(b[0]) << 40) | (u(b[1]) << 32) | (u(b[2]) << 24) | (u(b[3]) << 16) | (u(b[4]) << 8) | u(b[5]);
                yield millis / 1000 * 1_000_000_000L + millis % 1000 * 1_000_000L;
            }
            default -> null;
        };
        if (nanos != null) {
            // The reference engine computes this in wrapping u64 arithmetic.
            BigInteger unsigned = BigInteger.valueOf(nanos);
            out.put("time", NumberValue.of(nanos < 0 ? unsigned.add(U64) : unsigned));
        }
        if (version == 1 || version == 2) {
            StringBuilder node = new StringBuilder();
            for (int i = 10; i < 16; i++) {
                node.append(i > 10 ? "-" : "").append(String.format("%02x", b[i] & 0xff));
            }
            out.put("nodeid", StringValue.of(node.toString()));
            out.put("macvariables", StringValue.of(macVariables(b[10] & 0xff)));
            out.put("clocksequence", NumberValue.of(((u(b[8]) << 8) | u(b[9])) & 0x3fff));
            if (version == 2) {
                out.put("id", NumberValue.of((u(b[0]) << 24) | (u(b[1]) << 16) | (u(b[2]) << 8) | u(b[3])));
                int domain = b[9] & 0xff;
                out.put("domain", StringValue.of(switch (domain) {
                    case 0 -> "Person";
                    case 1 -> "Group";
                    case 2 -> "Org";
                    default -> "Domain" + domain;
                }));
            }
        }
        return out.build();
    }

    private static long u(byte b) {
        return b & 0xffL;
    }

    /** Unix nanoseconds of a count of 100 ns intervals since 1582, in wrapping u64 arithmetic. */
    private static long gregorian(long ticks) {
        long sinceUnix = ticks - GREGORIAN_OFFSET;
        long seconds = Long.divideUnsigned(sinceUnix, 10_000_000L);
        long subsecond = Long.remainderUnsigned(sinceUnix, 10_000_000L) * 100;
        return seconds * 1_000_000_000L + subsecond;
    }

    private static String variant(int b) {
        if ((b & 0x80) == 0) {
            return "NCS";
        }
        if ((b & 0xc0) == 0x80) {
            return "RFC4122";
        }
        return (b & 0xe0) == 0xc0 ? "Microsoft" : "Future";
    }

    private static String macVariables(int b) {
        if ((b & 0b11) == 0b11) {
            return "local:multicast";
        }
        if ((b & 0b01) != 0) {
            return "global:multicast";
        }
        return (b & 0b10) != 0 ? "local:unicast" : "global:unicast";
    }
}
