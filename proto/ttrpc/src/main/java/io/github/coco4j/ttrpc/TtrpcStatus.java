package io.github.coco4j.ttrpc;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;

/** Conversions between grpc-java's {@link Status} and the google.rpc.Status a ttrpc Response carries. */
public final class TtrpcStatus {
    /**
     * Longest status message sent, in UTF-8 bytes: an error text (an exception message, a policy
     * decision with its input) must not turn one failed call into a response of megabytes.
     */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private TtrpcStatus() {
    }

    public static com.google.rpc.Status toProto(Status status) {
        String description = status.getDescription() == null ? "" : status.getDescription();
        return com.google.rpc.Status.newBuilder()
                .setCode(status.getCode().value())
                .setMessage(truncate(description))
                .build();
    }

    /** A response's status; a missing one (the Go server's success) is OK. */
    public static Status fromProto(com.google.rpc.Status status) {
        Status result = Status.fromCodeValue(status.getCode());
        return status.getMessage().isEmpty() ? result : result.withDescription(status.getMessage());
    }

    static String truncate(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_MESSAGE_BYTES) {
            return message;
        }
        String marker = " [truncated " + bytes.length + " bytes]";
        // Cut on a character boundary: decoding a cut-off UTF-8 sequence yields U+FFFD, dropped here.
        String head = new String(bytes, 0, MAX_MESSAGE_BYTES - marker.length(), StandardCharsets.UTF_8);
        if (head.endsWith("\uFFFD")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + marker;
    }
}
