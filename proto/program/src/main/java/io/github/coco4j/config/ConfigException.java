package io.github.coco4j.config;

/** A configuration file is unreadable or holds a wrong value; the one-line message names the file and the key. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
