package io.github.coco4j.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.logging.Level;
import java.util.logging.LogRecord;
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
}
