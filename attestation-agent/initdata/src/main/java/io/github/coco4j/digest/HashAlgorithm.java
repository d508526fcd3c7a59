package io.github.coco4j.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The hash algorithms of the KBS protocol and the event log, with their wire names
 * ({@code sha256}, {@code sha384}, {@code sha512}, {@code sm3}) and TCG algorithm identifiers.
 */
public enum HashAlgorithm {
    SHA256("sha256", "SHA-256", 32, 0x000B),
    SHA384("sha384", "SHA-384", 48, 0x000C),
    SHA512("sha512", "SHA-512", 64, 0x000D),
    SM3("sm3", null, 32, 0x0012);

    private final String wireName;
    private final String jcaName;
    private final int length;
    private final int tcgId;

    HashAlgorithm(String wireName, String jcaName, int length, int tcgId) {
        this.wireName = wireName;
        this.jcaName = jcaName;
        this.length = length;
        this.tcgId = tcgId;
    }

    public String wireName() {
        return wireName;
    }

    public int length() {
        return length;
    }

    /** TPM_ALG_ID of the algorithm, as TCG event log digests carry it. */
    public int tcgId() {
        return tcgId;
    }

    public byte[] digest(byte[] data) {
        if (jcaName == null) {
            SM3Digest sm3 = new SM3Digest();
            sm3.update(data, 0, data.length);
            byte[] out = new byte[sm3.getDigestSize()];
            sm3.doFinal(out, 0);
            return out;
        }
        try {
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is not available in this JVM", e);
        }
    }

    /** Parses a wire name case-insensitively, as upstream does; the error lists the known names. */
    public static HashAlgorithm fromWireName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.wireName.equals(wanted)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown hash algorithm '" + name + "' (known: "
                + Arrays.stream(values()).map(HashAlgorithm::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
