package io.github.coco4j.rego.builtins;

import java.io.ByteArrayOutputStream;

/**
 * Strict base64 and hex decoding as the reference engine's data-encoding library does it, with
 * its error positions: the length must fit the encoding, trailing bits must be zero, and padded
 * base64 may be a concatenation of padded blocks ("SGk=SGk=" is "HiHi").
 */
final class DataEncoding {
    private static final int INVALID = -1;
    private static final int PAD = -2;
    private static final int[] BASE64 = values("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
    private static final int[] BASE64URL = values("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", true);
    private static final int[] HEX = values("0123456789abcdef", false);

    static {
        for (char c = 'A'; c <= 'F'; c++) {
            HEX[c] = c - 'A' + 10;
        }
    }

    /** A decoding failure, worded as the library words it: "invalid symbol at 3". */
    static final class DecodeError extends Exception {
        DecodeError(String kind, int position) {
            super(kind + " at " + position, null, false, false);
        }
    }

    private DataEncoding() {
    }

    private static int[] values(String alphabet, boolean padded) {
        int[] values = new int[256];
        java.util.Arrays.fill(values, INVALID);
        for (int i = 0; i < alphabet.length(); i++) {
            values[alphabet.charAt(i)] = i;
        }
        if (padded) {
            values['='] = PAD;
        }
        return values;
    }

    static byte[] base64(byte[] in, boolean urlSafe, boolean padded) throws DecodeError {
        int[] values = urlSafe ? BASE64URL : BASE64;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 4 * 3 + 3);
        if (!padded) {
            if (in.length % 4 == 1) {
                throw new DecodeError("invalid length", in.length - 1);
            }
            return bits(in, 0, in.length, values, 6, out).toByteArray();
        }
        if (in.length % 4 != 0) {
            throw new DecodeError("invalid length", in.length - in.length % 4);
        }
        int position = 0;
        while (position < in.length) {
            int bad = position;
            while (bad < in.length && values[in[bad] & 0xff] >= 0) {
                bad++;
            }
            int block = position + (bad - position) / 4 * 4;
            bits(in, position, block, values, 6, out);
            if (block == in.length) {
                break;
            }
            int symbols = 4;
            while (symbols > 0 && values[in[block + symbols - 1] & 0xff] == PAD) {
                symbols--;
            }
            if (symbols < 2) {
                throw new DecodeError("invalid padding length", block + symbols);
            }
            bits(in, block, block + symbols, values, 6, out);
            position = block + 4;
        }
        return out.toByteArray();
    }

    static byte[] hex(byte[] in) throws DecodeError {
        if (in.length % 2 != 0) {
            throw new DecodeError("invalid length", in.length - 1);
        }
        return bits(in, 0, in.length, HEX, 4, new ByteArrayOutputStream(in.length / 2)).toByteArray();
    }

    /** Decodes symbols of {@code width} bits each; the bits left over at the end must be zero. */
    private static ByteArrayOutputStream bits(byte[] in, int from, int to, int[] values, int width, ByteArrayOutputStream out)
            throws DecodeError {
        int buffer = 0;
        int held = 0;
        for (int i = from; i < to; i++) {
            int v = values[in[i] & 0xff];
            if (v < 0) {
                throw new DecodeError("invalid symbol", i);
            }
            buffer = (buffer << width) | v;
            held += width;
            if (held >= 8) {
                held -= 8;
                out.write((buffer >> held) & 0xff);
                buffer &= (1 << held) - 1;
            }
        }
        if (buffer != 0) {
            throw new DecodeError("non-zero trailing bits", to - 1);
        }
        return out;
    }
}
