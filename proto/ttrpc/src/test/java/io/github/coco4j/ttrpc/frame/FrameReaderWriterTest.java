package io.github.coco4j.ttrpc.frame;

import static io.github.coco4j.ttrpc.frame.Streams.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderWriterTest {
    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void headerIsTenBigEndianBytesBeforeTheBodyEvenWrittenInPieces() throws IOException {
        Streams.Sink sink = new Streams.Sink(3);
        new FrameWriter(sink).write(new Frame(0x01020305, Frame.TYPE_RESPONSE, (byte) 0x40, "abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("00000003" + "01020305" + "02" + "40" + "616263", HexFormat.of().formatHex(sink.written.toByteArray()));
    }

    @Test
    void framesSplitAnywhereAreReassembled() throws IOException {
        byte[] wire = concat(header(2, 7, 1, 0), new byte[] {'h', 'i'}, header(0, 9, 1, 0));
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : wire) {
            bytes.add(new byte[] {b});
        }
        FrameReader reader = new FrameReader(Streams.pieces(bytes));
        Frame first = (Frame) reader.read();
        assertEquals(7, first.streamId());
        assertEquals(Frame.TYPE_REQUEST, first.type());
        assertEquals("hi", new String(first.body(), StandardCharsets.US_ASCII));
        Frame empty = (Frame) reader.read();
        assertEquals(9, empty.streamId());
        assertEquals(0, empty.body().length);
        assertNull(reader.read(), "the end of the stream between frames");
    }

    @Test
    void aBodyOfExactlyFourMebibytesIsAFrame() throws IOException {
        FrameReader reader = new FrameReader(Streams.pieces(List.of(header(Frame.MAX_BODY_LENGTH, 1, 1, 0), new byte[Frame.MAX_BODY_LENGTH])));
        assertEquals(Frame.MAX_BODY_LENGTH, ((Frame) reader.read()).body().length);
    }

    @Test
    void anOversizedBodyIsSkippedAndReportedOnceAndTheNextFrameFollows() throws IOException {
        long length = Frame.MAX_BODY_LENGTH + 1L;
        List<byte[]> pieces = new ArrayList<>(List.of(header(length, 11, 1, 0)));
        byte[] chunk = new byte[64 * 1024];
        long left = length;
        for (; left > chunk.length; left -= chunk.length) {
            pieces.add(chunk);
        }
        // The last piece of the body arrives together with the next frame.
        pieces.add(concat(new byte[(int) left], header(1, 13, 1, 0), new byte[] {42}));
        FrameReader reader = new FrameReader(Streams.pieces(pieces));
        OversizedFrame oversized = (OversizedFrame) reader.read();
        assertEquals(new OversizedFrame(11, Frame.TYPE_REQUEST, length), oversized);
        assertEquals("message length 4194305 exceed maximum message size of 4194304", oversized.message());
        Frame next = (Frame) reader.read();
        assertEquals(13, next.streamId());
        assertArrayEquals(new byte[] {42}, next.body());
        assertNull(reader.read());
    }

    @Test
    void lengthIsUnsigned() throws IOException {
        FrameReader reader = new FrameReader(Streams.headerAndBody(header(0xFFFFFFFFL, 3, 1, 0), 0xFFFFFFFFL));
        assertEquals(4294967295L, ((OversizedFrame) reader.read()).length());
    }

    @Test
    void aStreamEndingInsideAFrameIsAnEofWhereverItEnds() {
        byte[] frame = concat(header(5, 1, 1, 0), "hello".getBytes(StandardCharsets.US_ASCII));
        for (int cut : new int[] {1, Frame.HEADER_LENGTH - 1, Frame.HEADER_LENGTH, Frame.HEADER_LENGTH + 4}) {
            FrameReader reader = new FrameReader(Streams.pieces(List.of(Arrays.copyOf(frame, cut))));
            assertThrows(EOFException.class, reader::read, "cut after " + cut + " bytes");
        }
        FrameReader oversized = new FrameReader(Streams.headerAndBody(header(Frame.MAX_BODY_LENGTH + 1L, 1, 1, 0), 1000));
        assertThrows(EOFException.class, oversized::read);
    }
}
