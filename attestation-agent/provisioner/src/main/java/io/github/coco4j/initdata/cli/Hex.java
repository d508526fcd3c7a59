package io.github.coco4j.initdata.cli;

import java.util.HexFormat;
import java.util.Locale;

/** Hex arguments of the CLI. */
final class Hex {
    private Hex() {
    }

    /** A 32-byte value given as 64 hex digits (a sha256 PCR). */
    static byte[] bytes32(String option, String text) {
        String hex = text.strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(option + " must be 64 hex digits (a sha256 PCR value)");
        }
        return HexFormat.of().parseHex(hex);
    }
}
