package io.github.coco4j.initdata;

import io.github.coco4j.digest.HashAlgorithm;
import java.util.Arrays;

/**
 * The vTPM binding of initdata: PCR8 of the sha256 bank is extended once with the first 32 bytes
 * of the digest, so after boot it holds SHA256(P ‖ digest[0:32]) with P all zeros.
 */
public final class Pcr8 {
    public static final int INDEX = 8;
    public static final int SIZE = 32;

    private Pcr8() {
    }

    /** What is extended into the sha256 bank: the digest resized to 32 bytes. */
    public static byte[] extendValue(byte[] digest) {
        return Arrays.copyOf(digest, SIZE);
    }

    /** PCR8 after extending {@code digest} into a PCR holding {@code initial}. */
    public static byte[] expected(byte[] initial, byte[] digest) {
        if (initial.length != SIZE) {
            throw new IllegalArgumentException("a sha256 PCR value is 32 bytes, not " + initial.length);
        }
        byte[] input = Arrays.copyOf(initial, SIZE * 2);
        System.arraycopy(extendValue(digest), 0, input, SIZE, SIZE);
        return HashAlgorithm.SHA256.digest(input);
    }

    /** PCR8 after the one extend at boot, from the reset value. */
    public static byte[] expected(byte[] digest) {
        return expected(new byte[SIZE], digest);
    }
}
