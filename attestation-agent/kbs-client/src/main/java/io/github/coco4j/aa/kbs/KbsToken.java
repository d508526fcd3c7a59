package io.github.coco4j.aa.kbs;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/**
 * An attestation token the KBS issued (a JWT). The client cannot verify its signature (the KBS
 * does that when the token comes back); it only reads the validity window to know when to renew.
 */
public final class KbsToken {
    private final String jwt;
    private final Instant expiry;
    private final Instant notBefore;

    private KbsToken(String jwt, Instant expiry, Instant notBefore) {
        this.jwt = jwt;
        this.expiry = expiry;
        this.notBefore = notBefore;
    }

    public static KbsToken parse(String jwt) throws KbsProtocolException {
        try {
            JWTClaimsSet claims = JWTParser.parse(jwt).getJWTClaimsSet();
            return new KbsToken(jwt, instant(claims.getExpirationTime()), instant(claims.getNotBeforeTime()));
        } catch (ParseException e) {
            throw new KbsProtocolException("KBS token is not a JWT: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    public String jwt() {
        return jwt;
    }

    /** Expiry ({@code exp}), or null when the token does not say. */
    public Instant expiry() {
        return expiry;
    }

    /** Whether the token is usable at {@code now} and still will be {@code margin} seconds later. */
    public boolean usableAt(Instant now, long marginSeconds) {
        boolean started = notBefore == null || !notBefore.isAfter(now);
        boolean unexpired = expiry == null || expiry.isAfter(now.plusSeconds(marginSeconds));
        return started && unexpired;
    }
}
