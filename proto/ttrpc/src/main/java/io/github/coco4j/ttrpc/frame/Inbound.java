package io.github.coco4j.ttrpc.frame;

/** What a {@link FrameReader} reads: a frame, or the notice of one too long to be read. */
public sealed interface Inbound permits Frame, OversizedFrame {
    /** The stream id, an unsigned 32-bit number held in an int. */
    int streamId();

    byte type();
}
