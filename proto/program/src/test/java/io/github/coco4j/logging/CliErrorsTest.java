package io.github.coco4j.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class CliErrorsTest {
    @Test
    void filesAreNamedWithWhatIsWrongAndMessagesKeepTheirFirstLine() {
        assertEquals("/etc/x: no such file", CliErrors.describe(new NoSuchFileException("/etc/x")));
        assertEquals("/etc/x: permission denied", CliErrors.describe(new AccessDeniedException("/etc/x")));
        assertEquals("p.rego:1:2: error: bad", CliErrors.describe(new IllegalStateException("p.rego:1:2: error: bad\nline\n ^")));
        assertEquals("java.lang.NullPointerException", CliErrors.describe(new NullPointerException()));
    }
}
