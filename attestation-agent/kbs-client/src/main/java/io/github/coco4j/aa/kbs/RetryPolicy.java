package io.github.coco4j.aa.kbs;

import java.time.Duration;

/**
 * Bounded retries with exponential back-off: {@code attempts} tries, waits doubling from
 * {@code firstDelay} up to {@code maxDelay}; each request given up after {@code requestTimeout},
 * and no new attempt once {@code budget} would be exceeded, so a slow KBS costs a caller a known,
 * short time rather than minutes.
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay, Duration requestTimeout, Duration budget) {
    /** Upstream tries the handshake five times; the waits here grow instead of staying at one second. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(4));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1");
        }
    }

    /** With a 10 s request timeout and a 30 s budget for all attempts together. */
    public RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {
        this(attempts, firstDelay, maxDelay, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** The wait before attempt {@code attempt} (2 is the first retry). */
    public Duration delayBefore(int attempt) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(attempt - 2, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Whether attempt {@code attempt} may start after {@code wait}, {@code elapsed} into the first. */
    public boolean allows(int attempt, Duration elapsed, Duration wait) {
        return attempt <= attempts && elapsed.plus(wait).compareTo(budget) < 0;
    }
}
