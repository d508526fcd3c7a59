package io.github.coco4j.agent.guest;

import io.github.coco4j.agent.backend.AgentException;
import java.io.IOException;
import java.util.List;

/** SetGuestDateTime: the guest's clock set to the host's (settimeofday(2), through date(1)). */
final class Clock {
    private static final long MICROS_PER_SECOND = 1_000_000;

    private Clock() {
    }

    static void set(long seconds, long micros) throws IOException, InterruptedException {
        check(seconds, micros);
        Commands.run(List.of("date", "-u", "-s", String.format("@%d.%06d", seconds, micros)));
    }

    /** settimeofday(2) refuses negative times and microseconds outside a second (EINVAL). */
    static void check(long seconds, long micros) {
        if (seconds < 0 || micros < 0 || micros >= MICROS_PER_SECOND) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT,
                    "invalid guest date and time: " + seconds + " s and " + micros + " µs");
        }
    }
}
