package io.github.coco4j.kbs.config;

/** The KBS configuration is unreadable or holds a wrong value; the message names the file and key. */
public final class KbsConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public KbsConfigException(String message) {
        super(message);
    }
}
