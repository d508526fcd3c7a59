package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HexFormat;

/** Byte fields of evidence JSON in the encodings upstream's attesters used over time. */
final class EvidenceBytes {
    private EvidenceBytes() {
    }

    /** Hex (today's quotes) or an array of byte values (the first Azure evidence version). */
    static byte[] of(JsonNode value, String field, String tee) throws VerificationException {
        if (value != null && value.isTextual()) {
            try {
                return HexFormat.of().parseHex(value.asText());
            } catch (IllegalArgumentException e) {
                throw new VerificationException(tee + " evidence: " + field + " is not hex");
            }
        }
        if (value != null && value.isArray()) {
            byte[] bytes = new byte[value.size()];
            for (int i = 0; i < bytes.length; i++) {
                JsonNode item = value.get(i);
                if (!item.canConvertToInt() || item.asInt() < 0 || item.asInt() > 255) {
                    throw new VerificationException(tee + " evidence: " + field + " lists a non-byte value");
                }
                bytes[i] = (byte) item.asInt();
            }
            return bytes;
        }
        throw new VerificationException(tee + " evidence: " + field + " is missing");
    }

    /** Base64, URL-safe or standard alphabet, padding optional (serde_with's Base64 in either form). */
    static byte[] base64(JsonNode value, String field, String tee) throws VerificationException {
        if (value == null || !value.isTextual()) {
            throw new VerificationException(tee + " evidence: " + field + " is missing or not a string");
        }
        try {
            return Base64.getDecoder().decode(value.asText().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new VerificationException(tee + " evidence: " + field + " is not base64");
        }
    }
}
