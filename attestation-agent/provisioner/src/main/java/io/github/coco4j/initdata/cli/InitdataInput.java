package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.Annotation;
import io.github.coco4j.initdata.Initdata;
import io.github.coco4j.initdata.InitdataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What users hand the CLI: a TOML file, a file holding an annotation (such as
 * /run/peerpod/initdata), the annotation text itself, or {@code -} for standard input.
 */
final class InitdataInput {
    /** Base64 of the gzip magic bytes and deflate method: how every annotation starts. */
    private static final String ANNOTATION_PREFIX = "H4sI";

    private InitdataInput() {
    }

    /** The TOML bytes exactly as delivered. */
    static byte[] toml(String argument) throws IOException, InitdataException {
        byte[] content = read(argument);
        String text = new String(content, StandardCharsets.ISO_8859_1).strip();
        return text.startsWith(ANNOTATION_PREFIX) ? Annotation.decode(text) : content;
    }

    static Initdata initdata(String argument) throws IOException, InitdataException {
        return Initdata.parse(toml(argument));
    }

    private static byte[] read(String argument) throws IOException {
        if (argument.equals("-")) {
            return System.in.readAllBytes();
        }
        Path path = Path.of(argument);
        if (Files.isRegularFile(path)) {
            return Files.readAllBytes(path);
        }
        if (argument.strip().startsWith(ANNOTATION_PREFIX)) {
            return argument.getBytes(StandardCharsets.US_ASCII);
        }
        throw new IOException("'" + argument + "' is neither a file nor an initdata annotation");
    }
}
