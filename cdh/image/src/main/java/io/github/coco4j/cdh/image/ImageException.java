package io.github.coco4j.cdh.image;

import java.io.IOException;

/** A pull that failed, with the stage it failed at; the message says why in words an operator can act on. */
public class ImageException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Where a pull stops; the expectations of the test registries name the first four. */
    public enum Stage { TRANSPORT, AUTH, POLICY, DECRYPTION, MANIFEST, LAYER, CONFIGURATION, BUNDLE }

    private final Stage stage;

    public ImageException(Stage stage, String message) {
        super(message);
        this.stage = stage;
    }

    public ImageException(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
