package io.github.coco4j.aa.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The JSON form in which SNP evidence carries its attestation report (the serde form of the
 * {@code sev} crate 6.x {@code AttestationReport}: byte arrays as arrays of numbers, words as
 * numbers, TCB versions as objects with {@code fmc} null before Turin, fields a report version
 * lacks as null), to and from the report's bytes. One table of fields serves both directions;
 * reserved bytes are zero, as the firmware writes them, so the signed bytes come back.
 */
public final class SnpReportJson {
    private enum Kind { U8, U32, U64, BYTES, TCB, VERSION }

    private record Field(String name, int offset, Kind kind, int length) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("version", 0x00, Kind.U32, 4), new Field("guest_svn", 0x04, Kind.U32, 4),
            new Field("policy", 0x08, Kind.U64, 8), new Field("family_id", 0x10, Kind.BYTES, 16),
            new Field("image_id", 0x20, Kind.BYTES, 16), new Field("vmpl", 0x30, Kind.U32, 4),
            new Field("sig_algo", 0x34, Kind.U32, 4), new Field("current_tcb", 0x38, Kind.TCB, 8),
            new Field("plat_info", 0x40, Kind.U64, 8), new Field("key_info", 0x48, Kind.U32, 4),
            new Field("report_data", 0x50, Kind.BYTES, 64), new Field("measurement", 0x90, Kind.BYTES, 48),
            new Field("host_data", 0xC0, Kind.BYTES, 32), new Field("id_key_digest", 0xE0, Kind.BYTES, 48),
            new Field("author_key_digest", 0x110, Kind.BYTES, 48), new Field("report_id", 0x140, Kind.BYTES, 32),
            new Field("report_id_ma", 0x160, Kind.BYTES, 32), new Field("reported_tcb", 0x180, Kind.TCB, 8),
            new Field("cpuid_fam_id", 0x188, Kind.U8, 1), new Field("cpuid_mod_id", 0x189, Kind.U8, 1),
            new Field("cpuid_step", 0x18A, Kind.U8, 1), new Field("chip_id", 0x1A0, Kind.BYTES, 64),
            new Field("committed_tcb", 0x1E0, Kind.TCB, 8), new Field("current", 0x1E8, Kind.VERSION, 3),
            new Field("committed", 0x1EC, Kind.VERSION, 3), new Field("launch_tcb", 0x1F0, Kind.TCB, 8),
            new Field("launch_mit_vector", 0x1F8, Kind.U64, 8), new Field("current_mit_vector", 0x200, Kind.U64, 8));
    private static final int SIGNATURE_R = 0x2A0;
    private static final int SIGNATURE_S = 0x2E8;
    private static final int SIGNATURE_COMPONENT = 72;
    private static final int CPUID_VERSION = 3;
    private static final int MITIGATION_VERSION = 5;

    private SnpReportJson() {
    }

    /** The report the JSON form describes; fails on a missing or ill-typed field. */
    public static SnpReport parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new EvidenceFormatException("SNP report JSON: not an object");
        }
        ByteBuffer out = ByteBuffer.allocate(SnpReport.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (Field field : FIELDS) {
            write(out, field, json.get(field.name()));
        }
        write(out, new Field("signature.r", SIGNATURE_R, Kind.BYTES, SIGNATURE_COMPONENT), json.at("/signature/r"));
        write(out, new Field("signature.s", SIGNATURE_S, Kind.BYTES, SIGNATURE_COMPONENT), json.at("/signature/s"));
        return SnpReport.parse(out.array());
    }

    /** The JSON form of {@code report}. */
    public static ObjectNode of(SnpReport report) {
        ByteBuffer in = ByteBuffer.wrap(report.raw()).order(ByteOrder.LITTLE_ENDIAN);
        boolean turin = report.generation() == SnpReport.Generation.TURIN;
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Field field : FIELDS) {
            if (absent(field, report.version())) {
                json.putNull(field.name());
            } else {
                json.set(field.name(), read(in, field, turin));
            }
        }
        ObjectNode signature = json.putObject("signature");
        signature.set("r", bytes(in, SIGNATURE_R, SIGNATURE_COMPONENT));
        signature.set("s", bytes(in, SIGNATURE_S, SIGNATURE_COMPONENT));
        return json;
    }

    /** The fields report versions before 3 (CPUID) and 5 (mitigation vectors) lack, null in their JSON. */
    private static boolean optional(Field field) {
        return field.name().startsWith("cpuid_") || field.name().endsWith("_mit_vector");
    }

    private static boolean absent(Field field, long version) {
        return optional(field) && version < (field.name().startsWith("cpuid_") ? CPUID_VERSION : MITIGATION_VERSION);
    }

    private static void write(ByteBuffer out, Field field, JsonNode value) {
        if (value == null || value.isNull()) {
            if (optional(field)) {
                return;
            }
            throw new EvidenceFormatException("SNP report JSON: " + field.name() + " is missing");
        }
        out.position(field.offset());
        switch (field.kind()) {
            case U8 -> out.put((byte) number(field, value));
            case U32 -> out.putInt((int) number(field, value));
            case U64 -> out.putLong(number(field, value));
            case BYTES -> out.put(byteArray(field, value));
            case TCB -> out.put(tcb(field, value));
            case VERSION -> out.put((byte) number(field, value.get("build"))).put((byte) number(field,
                    value.get("minor"))).put((byte) number(field, value.get("major")));
            default -> throw new IllegalStateException(field.kind().name());
        }
    }

    private static JsonNode read(ByteBuffer in, Field field, boolean turin) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        int at = field.offset();
        return switch (field.kind()) {
            case U8 -> json.numberNode(in.get(at) & 0xff);
            case U32 -> json.numberNode(in.getInt(at) & 0xffffffffL);
            case U64 -> json.numberNode(in.getLong(at));
            case BYTES -> bytes(in, at, field.length());
            case TCB -> tcb(in, at, turin);
            case VERSION -> json.objectNode().put("major", in.get(at + 2) & 0xff).put("minor", in.get(at + 1) & 0xff)
                    .put("build", in.get(at) & 0xff);
        };
    }

    /** A TCB_VERSION: Turin's (fmc, bootloader, tee, snp, …, microcode), else (bootloader, tee, …, snp, microcode). */
    private static byte[] tcb(Field field, JsonNode tcb) {
        byte[] out = new byte[8];
        JsonNode fmc = tcb.get("fmc");
        int[] positions = fmc == null || fmc.isNull() ? new int[] {0, 1, 6} : new int[] {1, 2, 3};
        if (fmc != null && !fmc.isNull()) {
            out[0] = (byte) number(field, fmc);
        }
        out[positions[0]] = (byte) number(field, tcb.get("bootloader"));
        out[positions[1]] = (byte) number(field, tcb.get("tee"));
        out[positions[2]] = (byte) number(field, tcb.get("snp"));
        out[7] = (byte) number(field, tcb.get("microcode"));
        return out;
    }

    private static ObjectNode tcb(ByteBuffer in, int at, boolean turin) {
        ObjectNode tcb = JsonNodeFactory.instance.objectNode();
        int[] positions = turin ? new int[] {1, 2, 3} : new int[] {0, 1, 6};
        if (turin) {
            tcb.put("fmc", in.get(at) & 0xff);
        } else {
            tcb.putNull("fmc");
        }
        return tcb.put("bootloader", in.get(at + positions[0]) & 0xff).put("tee", in.get(at + positions[1]) & 0xff)
                .put("snp", in.get(at + positions[2]) & 0xff).put("microcode", in.get(at + 7) & 0xff);
    }

    private static long number(Field field, JsonNode value) {
        if (value == null || !value.canConvertToLong()) {
            throw new EvidenceFormatException("SNP report JSON: " + field.name() + " is not a number");
        }
        return value.asLong();
    }

    private static byte[] byteArray(Field field, JsonNode value) {
        if (!value.isArray() || value.size() != field.length()) {
            throw new EvidenceFormatException("SNP report JSON: " + field.name() + " is not " + field.length()
                    + " bytes");
        }
        byte[] bytes = new byte[field.length()];
        for (int i = 0; i < bytes.length; i++) {
            long b = number(field, value.get(i));
            if (b < 0 || b > 255) {
                throw new EvidenceFormatException("SNP report JSON: " + field.name() + " lists a non-byte value");
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    private static ArrayNode bytes(ByteBuffer in, int at, int length) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(length);
        for (int i = 0; i < length; i++) {
            array.add(in.get(at + i) & 0xff);
        }
        return array;
    }
}
