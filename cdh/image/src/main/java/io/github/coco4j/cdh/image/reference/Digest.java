package io.github.coco4j.cdh.image.reference;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** An OCI content digest, {@code sha256:<64 hex>} or {@code sha512:<128 hex>}, the only algorithms OCI registers. */
public record Digest(String algorithm, String hex) {
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public static Digest parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a digest: " + text);
        }
        String algorithm = text.substring(0, colon);
        String hex = text.substring(colon + 1);
        Pattern form = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> throw new IllegalArgumentException("unsupported digest algorithm in " + text);
        };
        if (!form.matcher(hex).matches()) {
            throw new IllegalArgumentException("malformed digest " + text);
        }
        return new Digest(algorithm, hex);
    }

    public static Digest sha256(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(sha256Digest().digest(content)));
    }

    /** A fresh hasher for this digest's algorithm. */
    public MessageDigest newHasher() {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    public boolean matches(MessageDigest finished) {
        return HexFormat.of().formatHex(finished.digest()).equals(hex);
    }

    private static MessageDigest sha256Digest() {
        return new Digest("sha256", "").newHasher();
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
