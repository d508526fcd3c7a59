package io.github.coco4j.logging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Formatter;

/** java.util.logging on stderr, one line per record: time, level, logger, message. */
public final class OneLineLogging {
    private static final String FORMAT = "%1$tF %1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n";

    private OneLineLogging() {
    }

    private static final String CONFIG_CLASS = "java.util.logging.config.class";
    /** The level {@link OnFirstUse} configures. */
    private static volatile Level pending = Level.INFO;

    /** Configures the root logger with a level named as in upstream configs (error, warn, info, debug, trace). */
    public static void configure(String level) {
        read(level(level));
    }

    /**
     * Configures logging as {@link #configure} does when the program first logs, checking the
     * level now: java.util.logging looks through every jar of the class path for logging services
     * as it starts, about 15 ms of CPU at the start of a command that may log nothing. A program
     * whose main class makes a logger as it loads has logging up before this; it configures it
     * itself.
     */
    public static void configureOnFirstUse(String level) {
        pending = level(level);
        System.setProperty(CONFIG_CLASS, OnFirstUse.class.getName());
    }

    /** Made by java.util.logging as it starts (its {@code java.util.logging.config.class}). */
    public static final class OnFirstUse {
        public OnFirstUse() {
            read(pending);
        }
    }

    /** One-line records on stderr: the handler the configuration names. */
    public static final class Console extends ConsoleHandler {
        public Console() {
            setFormatter(new EscapingFormatter());
        }
    }

    private static void read(Level level) {
        // gRPC and netty are chatty below INFO; their debug output is not ours to show.
        String quiet = (Level.INFO.intValue() < level.intValue() ? level : Level.INFO).getName();
        String settings = "handlers = " + Console.class.getName() + "\n"
                + Console.class.getName() + ".level = " + level.getName() + "\n"
                + ".level = " + level.getName() + "\n"
                + "io.grpc.level = " + quiet + "\n"
                + "io.netty.level = " + quiet + "\n";
        try {
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(settings.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail to read
        }
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
