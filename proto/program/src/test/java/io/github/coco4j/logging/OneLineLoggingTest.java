package io.github.coco4j.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class OneLineLoggingTest {
    @Test
    void aMessageCannotStartALineOfItsOwn() {
        LogRecord record = new LogRecord(Level.WARNING, "token type kbs\n2026-01-01 00:00:00.000 INFO    forged: ok\r\u2028");
        record.setLoggerName("test");
        String line = new OneLineLogging.EscapingFormatter().format(record);
        assertEquals(1, line.lines().count(), line);
        assertEquals("token type kbs\\u000a2026-01-01 00:00:00.000 INFO    forged: ok\\u000d\\u2028",
                line.substring(line.indexOf("test: ") + "test: ".length()).strip());
    }

    @Test
    void plainMessagesAndTabsAreKept() {
        assertEquals("a\tb é", OneLineLogging.escape("a\tb é"));
    }

    /** A program that configures logging for its first use, then logs below and at the level. */
    public static final class FirstUse {
        public static void main(String[] args) {
            OneLineLogging.configureOnFirstUse(args[0]);
            Logger logger = Logger.getLogger("first.use");
            logger.info("below the level");
            logger.warning("at the level\nstill one line");
            Logger.getLogger("io.grpc.chatty").warning("gRPC at the level");
        }
    }

    @Test
    void configuredOnFirstUseLogsAsConfiguredAtOnce() throws Exception {
        // A JVM of its own: this one's logging is set up already.
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FirstUse.class.getName(), "warn")
                .redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, process.waitFor());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" WARNING first.use: at the level\\u000astill one line"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" WARNING io.grpc.chatty: gRPC at the level"), lines.get(1));
        assertThrows(IllegalArgumentException.class, () -> OneLineLogging.configureOnFirstUse("loud"));
    }
}
