package io.github.coco4j.aa.kbs;

import java.time.Duration;

/** Bounded retries with exponential back-off: {@code attempts} tries, waits doubling from {@code firstDelay} up to {@code maxDelay}. */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {
    /** Upstream tries the handshake five times; the waits here grow instead of staying at one second. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(4));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt} (2 is the first retry). */
    public Duration delayBefore(int attempt) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(attempt - 2, 20));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
