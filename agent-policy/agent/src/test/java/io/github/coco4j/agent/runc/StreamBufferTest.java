package io.github.coco4j.agent.runc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamBufferTest {
    @Test
    void aFewLinesKeepTheSmallBuffer() throws Exception {
        StreamBuffer buffer = new StreamBuffer();
        buffer.copyFrom(new ByteArrayInputStream("6.1.0\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(StreamBuffer.INITIAL, buffer.capacity());
        assertEquals("6.1.0\n", new String(buffer.read(1024), StandardCharsets.UTF_8));
        assertEquals(0, buffer.read(1024).length, "end of stream");
    }

    @Test
    void unreadOutputGrowsTheBufferAndDrainingGivesItBack() throws Exception {
        byte[] output = random(3 * StreamBuffer.INITIAL + 5);
        StreamBuffer buffer = new StreamBuffer();
        buffer.copyFrom(new ByteArrayInputStream(output));
        assertEquals(4 * StreamBuffer.INITIAL, buffer.capacity());
        assertArrayEquals(output, drain(buffer, 1000));
        assertEquals(StreamBuffer.INITIAL, buffer.capacity());
    }

    @Test
    void outputThatWrapsAroundSurvivesGrowing() throws Exception {
        byte[] first = random(6000);
        byte[] second = random(10000);
        PipedOutputStream process = new PipedOutputStream();
        StreamBuffer buffer = StreamBuffer.pump(new PipedInputStream(process, 64 * 1024), "test");
        process.write(first);
        process.flush();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (read.size() < 5000) {
            read.write(buffer.read(5000 - read.size()));
        }
        process.write(second);
        process.close();
        read.write(drain(buffer, 777));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(first);
        expected.write(second);
        assertArrayEquals(expected.toByteArray(), read.toByteArray());
    }

    private static byte[] drain(StreamBuffer buffer, int max) throws InterruptedException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] chunk = buffer.read(max); chunk.length > 0; chunk = buffer.read(max)) {
            all.writeBytes(chunk);
        }
        return all.toByteArray();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
