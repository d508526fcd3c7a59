package io.github.coco4j.cli;

import io.github.coco4j.logging.OneLineLogging;
import picocli.CommandLine.Option;

/**
 * {@code --log-level}: one-line logging at a level named as upstream names it. A daemon declares
 * it among its {@link DaemonOptions}; a picocli command takes it as a mixin (the annotation is
 * only read by picocli, so a daemon loads no picocli class for it).
 */
public final class LogLevelOption {
    private static final String NAME = "--log-level";
    private static final String LABEL = "LEVEL";
    private static final String DEFAULT = "info";
    private static final String DESCRIPTION = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE})";

    @Option(names = NAME, paramLabel = LABEL, defaultValue = DEFAULT, description = DESCRIPTION)
    String level;

    /** Declares the option among a daemon's. */
    public DaemonOptions declare(DaemonOptions options) {
        return options.value(NAME, LABEL, DEFAULT, DESCRIPTION, value -> level = value);
    }

    /** The level named, as the option takes it. */
    public String level() {
        return level;
    }

    /** Configures logging; a level that is none of those is a wrong argument. */
    public void apply() {
        OneLineLogging.configure(level);
    }
}
