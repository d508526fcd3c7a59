package io.github.coco4j.kbs.attestation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.digest.HashAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsTest {
    @Test
    void theTableIsBoundedEvenWhenNoSessionHasExpired() {
        Sessions sessions = new Sessions(Duration.ofMinutes(5), Clock.systemUTC(), 3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(sessions.open("sample", "nonce" + i, HashAlgorithm.SHA384).id());
        }
        assertFalse(sessions.find(ids.get(0)).isPresent(), "the oldest sessions made room");
        assertFalse(sessions.find(ids.get(1)).isPresent());
        for (String id : ids.subList(2, 5)) {
            assertTrue(sessions.find(id).isPresent(), id);
        }
    }
}
