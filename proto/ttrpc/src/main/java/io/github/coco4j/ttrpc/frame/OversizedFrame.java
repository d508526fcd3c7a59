package io.github.coco4j.ttrpc.frame;

/**
 * A frame whose body was longer than {@link Frame#MAX_BODY_LENGTH}: its body was read and
 * discarded, and the peer gets an answer on its stream id instead of losing the connection.
 *
 * @param length the body length the header announced, unsigned
 */
public record OversizedFrame(int streamId, byte type, long length) implements Inbound {
    /** ttrpc's own wording, which Go clients show to their users. */
    public String message() {
        return "message length " + length + " exceed maximum message size of " + Frame.MAX_BODY_LENGTH;
    }
}
