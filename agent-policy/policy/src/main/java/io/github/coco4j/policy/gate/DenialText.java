package io.github.coco4j.policy.gate;

import java.nio.charset.StandardCharsets;

/**
 * The text of a denial: Kata's "KIND is blocked by policy: PRINTS", then a tail saying which
 * rule decided (and, when asked for, where it failed). A denial travels as a gRPC status, in the grpc-message header, and a gRPC client refuses headers
 * over 8 KiB (the caller then sees a protocol error, not the denial); genpolicy's policies print
 * the request, so the prints are cut, with a marker, to keep the whole within {@link #MAX}; a tail
 * too long to leave room for the marker (it names the policy file, whose name is the operator's)
 * is cut as well.
 */
final class DenialText {
    /** The most a denial takes in its header, percent-encoding counted: half of what a client accepts. */
    static final int MAX = 4096;
    static final String MARKER = "...[truncated]";

    private DenialText() {
    }

    static String of(String kind, String prints, String tail) {
        String head = kind + " is blocked by policy: ";
        int room = MAX - headerSize(head) - headerSize(tail);
        if (headerSize(prints) <= room) {
            return head + prints + tail;
        }
        if (room < headerSize(MARKER)) {
            return prefix(head + prints + tail, MAX - headerSize(MARKER)) + MARKER;
        }
        return head + prefix(prints, room - headerSize(MARKER)) + MARKER + tail;
    }

    /** The longest prefix of {@code text} (whole code points) whose header size is at most {@code room}. */
    private static String prefix(String text, int room) {
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int next = text.offsetByCodePoints(end, 1);
            used += headerSize(text.substring(end, next));
            if (used > room) {
                break;
            }
            end = next;
        }
        return text.substring(0, end);
    }

    /** Bytes in grpc-message: UTF-8, each byte outside ' '..'}' or a '%' percent-encoded as three. */
    private static int headerSize(String text) {
        int size = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            size += b < ' ' || b >= '~' || b == '%' ? 3 : 1;
        }
        return size;
    }
}
