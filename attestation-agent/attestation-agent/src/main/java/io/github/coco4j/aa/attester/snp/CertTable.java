package io.github.coco4j.aa.attester.snp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The SNP extended-report certificate table (GHCB specification): entries of a 16-byte GUID, an
 * offset and a length (little-endian, relative to the table start), ended by an all-zero GUID.
 */
final class CertTable {
    /** One certificate with its GUID in canonical text form. */
    record Entry(String guid, byte[] data) {
    }

    private static final int ENTRY_SIZE = 24;

    private CertTable() {
    }

    static List<Entry> parse(byte[] table) {
        ByteBuffer in = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        List<Entry> entries = new ArrayList<>();
        for (int at = 0; ; at += ENTRY_SIZE) {
            if (at + ENTRY_SIZE > table.length) {
                throw new IllegalArgumentException("SNP certificate table: no terminating entry");
            }
            byte[] guid = new byte[16];
            in.position(at);
            in.get(guid);
            if (isZero(guid)) {
                return List.copyOf(entries);
            }
            long offset = Integer.toUnsignedLong(in.getInt());
            long length = Integer.toUnsignedLong(in.getInt());
            if (offset + length > table.length) {
                throw new IllegalArgumentException("SNP certificate table: entry " + entries.size()
                        + " points outside the " + table.length + "-byte table");
            }
            byte[] data = new byte[(int) length];
            System.arraycopy(table, (int) offset, data, 0, (int) length);
            entries.add(new Entry(guidText(guid), data));
        }
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String guidText(byte[] guid) {
        String hex = HexFormat.of().formatHex(guid);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
