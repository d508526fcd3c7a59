package io.github.coco4j.aa.daemon;

import io.github.coco4j.digest.HashAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * The initdata the agent must find bound by the hardware: the TOML document itself (which also
 * goes to the KBS) or only its digest as the provisioner recorded it.
 */
record InitDataSource(byte[] digest, String toml) {
    /** Reads an initdata TOML document; its digest is its {@code algorithm} over the raw bytes. */
    static InitDataSource fromToml(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        String text = new String(raw, StandardCharsets.UTF_8);
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            throw new IOException(file + ": not a TOML document: " + toml.errors().get(0));
        }
        String algorithm = toml.getString("algorithm");
        if (algorithm == null || !algorithm.toLowerCase(Locale.ROOT).matches("sha256|sha384|sha512")) {
            throw new IOException(file + ": initdata 'algorithm' must be sha256, sha384 or sha512");
        }
        return new InitDataSource(HashAlgorithm.fromWireName(algorithm).digest(raw), text);
    }

    /** Reads a digest file: lower-case hex, as the provisioner writes it. */
    static InitDataSource fromDigestFile(Path file) throws IOException {
        String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            byte[] digest = HexFormat.of().parseHex(hex);
            if (digest.length != 32 && digest.length != 48 && digest.length != 64) {
                throw new IOException(file + ": a " + digest.length + "-byte digest is no SHA-2 digest");
            }
            return new InitDataSource(digest, null);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a hex digest", e);
        }
    }
}
