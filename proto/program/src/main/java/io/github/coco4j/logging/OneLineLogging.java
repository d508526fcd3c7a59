package io.github.coco4j.logging;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** java.util.logging on stderr, one line per record: time, level, logger, message. */
public final class OneLineLogging {
    private static final String FORMAT = "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n";

    private OneLineLogging() {
    }

    /** Configures the root logger with a level named as in upstream configs (error, warn, info, debug, trace). */
    public static void configure(String level) {
        System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
        LogManager.getLogManager().reset();
        Level julLevel = level(level);
        Handler handler = new ConsoleHandler();
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(julLevel);
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        root.setLevel(julLevel);
        // gRPC and netty are chatty below INFO; their debug output is not ours to show.
        Logger.getLogger("io.grpc").setLevel(Level.INFO.intValue() < julLevel.intValue() ? julLevel : Level.INFO);
        Logger.getLogger("io.netty").setLevel(Level.INFO.intValue() < julLevel.intValue() ? julLevel : Level.INFO);
    }

    static Level level(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "off" -> Level.OFF;
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> throw new IllegalArgumentException("unknown log level '" + name
                    + "' (known: off, error, warn, info, debug, trace)");
        };
    }
}
