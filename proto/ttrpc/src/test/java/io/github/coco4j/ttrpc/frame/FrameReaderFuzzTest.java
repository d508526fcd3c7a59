package io.github.coco4j.ttrpc.frame;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte stream from a peer, arriving in arbitrary pieces: the reader yields frames no larger
 * than the bound, or oversized-frame notices, and at the end of the stream null (between frames)
 * or an EOFException (inside one); nothing else is thrown.
 */
class FrameReaderFuzzTest {
    @FuzzTest(maxDuration = "90s")
    void read(FuzzedDataProvider data) throws IOException {
        List<byte[]> pieces = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            pieces.add(data.consumeBytes(data.consumeInt(1, 4096)));
        }
        FrameReader reader = new FrameReader(Streams.pieces(pieces));
        try {
            for (Inbound inbound = reader.read(); inbound != null; inbound = reader.read()) {
                if (inbound instanceof Frame frame) {
                    assertTrue(frame.body().length <= Frame.MAX_BODY_LENGTH);
                } else {
                    assertTrue(((OversizedFrame) inbound).length() > Frame.MAX_BODY_LENGTH);
                }
            }
        } catch (EOFException e) {
            // the stream ended inside a frame
        }
    }
}
