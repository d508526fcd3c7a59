package io.github.coco4j.cdh.config;

/** A cdh.toml that cannot be used; the message names the key. */
public class CdhConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public CdhConfigException(String message) {
        super(message);
    }
}
