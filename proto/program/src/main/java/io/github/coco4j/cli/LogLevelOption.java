package io.github.coco4j.cli;

import io.github.coco4j.logging.OneLineLogging;
import picocli.CommandLine.Option;

/** The daemons' {@code --log-level} (a picocli mixin): one-line logging at a level named as upstream names it. */
public final class LogLevelOption {
    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE})")
    String level;

    /** The level named, as the option takes it. */
    public String level() {
        return level;
    }

    /** Configures logging; a level that is none of those is a wrong argument. */
    public void apply() {
        OneLineLogging.configure(level);
    }
}
