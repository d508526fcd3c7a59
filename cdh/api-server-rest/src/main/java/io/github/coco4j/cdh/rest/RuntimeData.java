package io.github.coco4j.cdh.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code runtime_data} parameter of evidence requests, decoded as upstream does. */
final class RuntimeData {
    private RuntimeData() {
    }

    /**
     * Without an encoding the parameter's UTF-8 bytes are the runtime data (upstream's original
     * behaviour); with {@code base64} it is URL-safe base64 without padding, so binary data fits a URL.
     *
     * @throws IllegalArgumentException for other encodings and for text that is not such base64
     */
    static byte[] decode(String value, String encoding) {
        if (encoding == null) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
        if (!encoding.equals("base64")) {
            throw new IllegalArgumentException("unsupported runtime_data encoding '" + encoding + "'");
        }
        // Java's URL decoder also takes padding; upstream's does not.
        if (value.indexOf('=') >= 0) {
            throw new IllegalArgumentException("runtime_data must be URL-safe base64 without padding");
        }
        try {
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("runtime_data is not URL-safe base64: " + e.getMessage());
        }
    }
}
