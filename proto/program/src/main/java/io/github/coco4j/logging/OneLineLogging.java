package io.github.coco4j.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.Formatter;

/** java.util.logging on stderr, one line per record: time, level, logger, message. */
public final class OneLineLogging {
    private static final String FORMAT = "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n";

    private OneLineLogging() {
    }

    /** Configures the root logger with a level named as in upstream configs (error, warn, info, debug, trace). */
    public static void configure(String level) {
        LogManager.getLogManager().reset();
        Level julLevel = level(level);
        Handler handler = new ConsoleHandler();
        handler.setFormatter(new EscapingFormatter());
        handler.setLevel(julLevel);
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        root.setLevel(julLevel);
        // gRPC and netty are chatty below INFO; their debug output is not ours to show.
        Logger.getLogger("io.grpc").setLevel(Level.INFO.intValue() < julLevel.intValue() ? julLevel : Level.INFO);
        Logger.getLogger("io.netty").setLevel(Level.INFO.intValue() < julLevel.intValue() ? julLevel : Level.INFO);
    }

    /**
     * Messages may carry request values (a query parameter, a resource name): their line breaks
     * and other control characters are escaped, so no caller can write a line of its own.
     */
    static final class EscapingFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            String thrown = "";
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                PrintWriter writer = new PrintWriter(trace);
                writer.println();
                record.getThrown().printStackTrace(writer);
                writer.flush();
                thrown = trace.toString();
            }
            return String.format(FORMAT, ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault()), "",
                    record.getLoggerName(), record.getLevel().getLocalizedName(), escape(formatMessage(record)), thrown);
        }
    }

    static String escape(String message) {
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(message.length() + 16).append(message, 0, i);
            }
            if (out != null) {
                out.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? message : out.toString();
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
