package io.github.coco4j.kbs.attestation;

import io.github.coco4j.digest.HashAlgorithm;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** RCAR sessions by cookie id: the challenge of an authenticated client, then its token once attested. */
final class Sessions {
    /** One session; {@code token} is null until the client attested. */
    record Session(String id, String tee, String nonce, HashAlgorithm hash, Instant expiry, String token) {
        Session attested(String issued) {
            return new Session(id, tee, nonce, hash, expiry, issued);
        }
    }

    private static final int MAX_SESSIONS = 10_000;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration timeout;
    private final Clock clock;

    Sessions(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
    }

    Session open(String tee, String nonce, HashAlgorithm hash) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> !s.expiry().isAfter(now));
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        Session session = new Session(HexFormat.of().formatHex(id), tee, nonce, hash, now.plus(timeout), null);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id; an expired one is dropped and reported absent. */
    Optional<Session> find(String id) {
        Session session = sessions.get(id);
        if (session != null && !session.expiry().isAfter(clock.instant())) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    void update(Session session) {
        sessions.replace(session.id(), session);
    }
}
