package io.github.coco4j.kbs.attestation;

import io.github.coco4j.digest.HashAlgorithm;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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

    static final int MAX_SESSIONS = 10_000;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration timeout;
    private final Clock clock;
    private final int maxSessions;

    Sessions(Duration timeout, Clock clock, int maxSessions) {
        this.timeout = timeout;
        this.clock = clock;
        this.maxSessions = maxSessions;
    }

    /**
     * A new session. The table is bounded: when full, expired sessions go first, then the oldest,
     * so clients that open sessions without attesting cannot grow it.
     */
    Session open(String tee, String nonce, HashAlgorithm hash) {
        Instant now = clock.instant();
        if (sessions.size() >= maxSessions) {
            sessions.values().removeIf(s -> !s.expiry().isAfter(now));
        }
        while (sessions.size() >= maxSessions) {
            sessions.values().stream().min(Comparator.comparing(Session::expiry))
                    .ifPresent(oldest -> sessions.remove(oldest.id(), oldest));
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
