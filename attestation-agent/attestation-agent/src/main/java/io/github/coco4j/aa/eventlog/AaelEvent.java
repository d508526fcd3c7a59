package io.github.coco4j.aa.eventlog;

import java.nio.charset.StandardCharsets;

/**
 * One Attestation Agent Event Log entry, {@code <domain> <operation> <content>}. Domain and
 * operation are printable ASCII without white space; content is printable without line feeds.
 */
public record AaelEvent(String domain, String operation, String content) {
    public AaelEvent {
        requireToken("domain", domain);
        requireToken("operation", operation);
        if (content == null || content.isEmpty()) {
            throw new IllegalArgumentException("event content must not be empty");
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\n' || c == '\r' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("event content must be printable and contain no line break "
                        + "(control character at index " + i + ")");
            }
        }
    }

    private static void requireToken(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("event " + field + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("event " + field + " must be printable ASCII without white space "
                        + "(offending character at index " + i + ")");
            }
        }
    }

    /** Parses the text form back (used when recovering a half-written entry). */
    public static AaelEvent parse(String text) {
        int first = text.indexOf(' ');
        int second = first < 0 ? -1 : text.indexOf(' ', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("event text needs '<domain> <operation> <content>'");
        }
        return new AaelEvent(text.substring(0, first), text.substring(first + 1, second), text.substring(second + 1));
    }

    public byte[] textBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return domain + " " + operation + " " + content;
    }
}
