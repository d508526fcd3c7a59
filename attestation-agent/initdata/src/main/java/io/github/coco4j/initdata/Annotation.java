package io.github.coco4j.initdata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * The pod annotation that carries initdata: standard base64 of the gzip-compressed TOML.
 * Decoding returns the TOML bytes of the first gzip member exactly, as Kata does (see
 * {@link GzipMember}), and refuses to inflate beyond {@link Initdata#MAX_BYTES}.
 */
public final class Annotation {
    public static final String KEY = "io.katacontainers.config.hypervisor.cc_init_data";

    private Annotation() {
    }

    public static String encode(byte[] toml) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(compressed.toByteArray());
    }

    /** The TOML bytes an annotation carries; line breaks in the base64 text are tolerated. */
    public static byte[] decode(String annotation) throws InitdataException {
        String compact = annotation.replaceAll("[\\s]", "");
        if (compact.isEmpty()) {
            throw new InitdataException("the initdata annotation is empty");
        }
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new InitdataException("the initdata annotation is not standard base64: " + e.getMessage());
        }
        return GzipMember.inflate(compressed, Initdata.MAX_BYTES);
    }
}
