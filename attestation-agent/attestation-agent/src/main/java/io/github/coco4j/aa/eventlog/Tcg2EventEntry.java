package io.github.coco4j.aa.eventlog;

import io.github.coco4j.digest.HashAlgorithm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An AAEL event wrapped as a TCG2 crypto-agile event log entry of type EV_EVENT_TAG: the event
 * data is a tagged event with id "AAEL" whose body is the event text, and the single digest is
 * the digest of that tagged event. The digest is what extends the measurement register.
 */
public record Tcg2EventEntry(byte[] encoded, byte[] digest) {
    /** EV_EVENT_TAG. */
    static final int EVENT_TYPE_TAG = 0x6;
    /** "AAEL" read as a little-endian u32 tag id. */
    static final int AAEL_TAG_ID = 0x4141454c;

    public static Tcg2EventEntry of(AaelEvent event, int register, HashAlgorithm algorithm) {
        byte[] text = event.textBytes();
        byte[] tagged = ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(AAEL_TAG_ID).putInt(text.length).put(text).array();
        byte[] digest = algorithm.digest(tagged);
        byte[] encoded = ByteBuffer.allocate(4 + 4 + 4 + 2 + digest.length + 4 + tagged.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(register)
                .putInt(EVENT_TYPE_TAG)
                .putInt(1)
                .putShort((short) algorithm.tcgId())
                .put(digest)
                .putInt(tagged.length)
                .put(tagged)
                .array();
        return new Tcg2EventEntry(encoded, digest);
    }
}
