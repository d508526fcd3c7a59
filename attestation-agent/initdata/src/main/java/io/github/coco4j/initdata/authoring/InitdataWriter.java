package io.github.coco4j.initdata.authoring;

import io.github.coco4j.initdata.Initdata;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes an initdata document in the layout users write by hand: the header keys, then
 * {@code [data]} with each value as a multi-line string, so values are kept byte for byte.
 */
public final class InitdataWriter {
    private InitdataWriter() {
    }

    public static byte[] write(String algorithm, Map<String, String> data) {
        StringBuilder out = new StringBuilder()
                .append("algorithm = \"").append(algorithm).append("\"\n")
                .append("version = \"").append(Initdata.VERSION).append("\"\n\n")
                .append("[data]\n");
        for (Map.Entry<String, String> entry : data.entrySet()) {
            out.append(ExecAllowList.quoted(entry.getKey())).append(" = ").append(multiline(entry.getValue())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A literal multi-line string where possible (no escaping at all); a basic one otherwise. The
     * newline right after the opening delimiter is not part of the value in TOML.
     */
    private static String multiline(String value) {
        if (!value.contains("'''") && !value.endsWith("'") && value.chars().noneMatch(InitdataWriter::needsEscape)) {
            return "'''\n" + value + "'''";
        }
        StringBuilder out = new StringBuilder("\"\"\"\n");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append("\"\"\"").toString();
    }

    /** Control characters other than tab and newline (a lone CR included) cannot appear raw in TOML strings. */
    private static boolean needsEscape(int c) {
        return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F;
    }
}
