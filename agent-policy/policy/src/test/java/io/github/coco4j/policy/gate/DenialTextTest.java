package io.github.coco4j.policy.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DenialTextTest {
    private static final String DECIDED_BY = " (decided by the default rule at policy.rego:2)";

    @Test
    void aShortDenialIsKatasTextWhole() {
        assertEquals("ExecProcessRequest is blocked by policy: policy.rego:4: args: [\"ls\"]" + DECIDED_BY,
                DenialText.of("ExecProcessRequest", "policy.rego:4: args: [\"ls\"]", DECIDED_BY));
    }

    @Test
    void longPrintsAreCutWithAMarkerAndTheRuleStillNamed() {
        String text = DenialText.of("ExecProcessRequest", "p".repeat(1 << 20), DECIDED_BY);
        assertTrue(text.startsWith("ExecProcessRequest is blocked by policy: ppp"), text);
        assertTrue(text.endsWith("p" + DenialText.MARKER + DECIDED_BY), text);
        assertEquals(DenialText.MAX, text.length());
    }

    /** Characters that grpc-message percent-encodes count three times per UTF-8 byte; none is split. */
    @Test
    void theBoundIsOnTheEncodedHeader() {
        String head = "ExecProcessRequest is blocked by policy: ";
        String text = DenialText.of("ExecProcessRequest", "é%".repeat(10_000), DECIDED_BY);
        String cut = text.substring(head.length(), text.length() - DenialText.MARKER.length() - DECIDED_BY.length());
        // The rest is plain ASCII, sent as it is; both encoders percent-encode 'é' and '%' alike.
        int encoded = head.length() + URLEncoder.encode(cut, StandardCharsets.UTF_8).length()
                + DenialText.MARKER.length() + DECIDED_BY.length();
        assertTrue(encoded <= DenialText.MAX, "encoded: " + encoded);
        assertTrue(encoded > DenialText.MAX - 9, "encoded: " + encoded);
        assertTrue(text.contains("é%é%") && text.endsWith(DenialText.MARKER + DECIDED_BY), text);
    }

    @Test
    void aTailTooLongForTheMarkerIsCutToo() {
        String text = DenialText.of("ExecProcessRequest", "printed", " (decided by " + "d".repeat(8000) + ")");
        assertTrue(text.startsWith("ExecProcessRequest is blocked by policy: printed (decided by ddd"), text);
        assertTrue(text.endsWith("d" + DenialText.MARKER), text);
        assertEquals(DenialText.MAX, text.length());
    }
}
