package io.github.coco4j.aa.kbs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KbsErrorsTest {
    @Test
    void trusteesErrorDocumentBecomesTypeAndDetail() {
        assertEquals("RcarAttestFailed - RCAR handshake Attest failed", KbsErrors.describe(
                "{\"type\":\"https://github.com/confidential-containers/kbs/errors/RcarAttestFailed\","
                        + "\"detail\":\"RCAR handshake Attest failed\"}"));
    }

    @Test
    void anythingElseIsShownAsTextAndCut() {
        assertEquals("Bad Gateway", KbsErrors.describe(" Bad Gateway\n"));
        assertEquals("{\"error\":\"nope\"}", KbsErrors.describe("{\"error\":\"nope\"}"));
        assertEquals("x".repeat(300) + "…", KbsErrors.describe("x".repeat(400)));
    }

    @Test
    void anEmptyOrMissingBodyIsSaidToBeEmpty() {
        assertEquals("(empty body)", KbsErrors.describe(null));
        assertEquals("(empty body)", KbsErrors.describe(" \n"));
    }

    @Test
    void cookieValueIsTheNamedCookiesOnly() {
        assertEquals(Optional.of("abc"), KbsErrors.cookieValue("kbs-session-id=abc; Path=/; Max-Age=300", "kbs-session-id"));
        assertEquals(Optional.empty(), KbsErrors.cookieValue("other=abc; Path=/", "kbs-session-id"));
    }
}
