package io.github.coco4j.initdata;

import java.util.Arrays;
import java.util.Locale;

/**
 * How each TEE carries the initdata digest in its hardware-signed evidence: a fixed-size field
 * that takes the digest truncated, or zero-padded at the end.
 */
public enum PlatformForm {
    /** Intel TDX MRCONFIGID. */
    TDX(48),
    /** AMD SEV-SNP HOSTDATA. */
    SNP(32),
    /** Arm CCA personalization value. */
    CCA(64),
    /** IBM Secure Execution. */
    SE(256);

    private final int length;

    PlatformForm(int length) {
        this.length = length;
    }

    public int length() {
        return length;
    }

    public byte[] of(byte[] digest) {
        return Arrays.copyOf(digest, length);
    }

    public static PlatformForm named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown platform '" + name + "' (tdx, snp, cca or se)", e);
        }
    }
}
