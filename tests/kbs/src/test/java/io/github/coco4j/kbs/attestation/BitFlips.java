package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/** Recorded evidence with one bit flipped, in the encodings evidence JSON uses: what refusal tests present. */
final class BitFlips {
    private static final HexFormat HEX = HexFormat.of();

    private BitFlips() {
    }

    /** Flips the low bit of byte {@code index} of the hex string at {@code pointer}. */
    static ObjectNode hex(ObjectNode evidence, String pointer, int index) {
        ObjectNode parent = (ObjectNode) evidence.at(pointer.substring(0, pointer.lastIndexOf('/')));
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        parent.put(field, hex(parent.get(field).asText(), index));
        return evidence;
    }

    /** Flips the low bit of byte {@code index} of hex item {@code item} of the array at {@code pointer}. */
    static ObjectNode hexItem(ObjectNode evidence, String pointer, int item, int index) {
        ArrayNode array = (ArrayNode) evidence.at(pointer);
        array.set(item, hex(array.get(item).asText(), index));
        return evidence;
    }

    /** Changes the bytes of the base64url field {@code field}. */
    static ObjectNode base64Url(ObjectNode evidence, String field, UnaryOperator<byte[]> change) {
        byte[] bytes = Base64.getUrlDecoder().decode(evidence.get(field).asText());
        evidence.put(field, Base64.getUrlEncoder().encodeToString(change.apply(bytes)));
        return evidence;
    }

    /** Flips the low bit of byte {@code index} of the base64url field {@code field}. */
    static ObjectNode base64Url(ObjectNode evidence, String field, int index) {
        return base64Url(evidence, field, bytes -> flip(bytes, index));
    }

    /** Flips the low bit of the first byte of {@code text} in the base64url field {@code field}. */
    static ObjectNode base64UrlAt(ObjectNode evidence, String field, String text) {
        return base64Url(evidence, field, bytes -> flip(bytes,
                new String(bytes, StandardCharsets.ISO_8859_1).indexOf(text)));
    }

    static String hex(String hex, int index) {
        return HEX.formatHex(flip(HEX.parseHex(hex), index));
    }

    static byte[] flip(byte[] bytes, int index) {
        bytes[index] ^= 1;
        return bytes;
    }
}
