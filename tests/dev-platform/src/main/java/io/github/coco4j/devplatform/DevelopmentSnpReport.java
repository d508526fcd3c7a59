package io.github.coco4j.devplatform;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * SEV-SNP attestation reports (version 3, 1184 bytes, AMD's layout) of a development guest on a
 * Milan-like processor, signed by a {@link DevelopmentAmdRoot}'s VCEK: the guest policy of a
 * production VM (no debugging, no migration agent, SMT allowed), VMPL 0 as Azure's paravisor
 * reports, the given report data, and a fixed launch measurement.
 */
public final class DevelopmentSnpReport {
    static final int SIZE = 1184;
    /** Guest policy: SMT allowed (bit 16) and the bit 17 that must be set; debugging off. */
    private static final long POLICY = 0x30000L;
    private static final int SIGNATURE_ALGO_ECDSA_P384_SHA384 = 1;
    private static final int SIGNED_LENGTH = 0x2A0;
    private static final int SIGNATURE_COMPONENT = 72;
    /** CPUID family 0x19, model 0x01, stepping 1: Milan, which selects the report's TCB layout. */
    private static final byte[] MILAN_CPUID = {0x19, 0x01, 0x01};

    /** A TCB version in the Milan layout (boot loader, TEE, 4 reserved, SNP, microcode). */
    public record Tcb(int bootloader, int tee, int snp, int microcode) {
        public static final Tcb DEVELOPMENT = new Tcb(3, 0, 8, 115);

        byte[] bytes() {
            byte[] tcb = new byte[8];
            tcb[0] = (byte) bootloader;
            tcb[1] = (byte) tee;
            tcb[6] = (byte) snp;
            tcb[7] = (byte) microcode;
            return tcb;
        }
    }

    private DevelopmentSnpReport() {
    }

    /** A report of the chip {@code chipId} at {@link Tcb#DEVELOPMENT} carrying {@code reportData}, signed by the root's VCEK. */
    public static byte[] signed(DevelopmentAmdRoot root, byte[] chipId, byte[] reportData) throws GeneralSecurityException {
        byte[] tcb = Tcb.DEVELOPMENT.bytes();
        ByteBuffer report = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        report.putInt(0x00, 3).putLong(0x08, POLICY).putInt(0x30, 0).putInt(0x34, SIGNATURE_ALGO_ECDSA_P384_SHA384)
                .put(0x38, tcb).putLong(0x40, 1L)
                .put(0x50, Arrays.copyOf(reportData, 64)).put(0x90, measurement())
                .put(0x180, tcb).put(0x188, MILAN_CPUID).put(0x1A0, chipId).put(0x1E0, tcb).put(0x1F0, tcb);
        byte[] raw = report.array();
        BigInteger[] signature = root.sign(Arrays.copyOf(raw, SIGNED_LENGTH));
        report.put(SIGNED_LENGTH, littleEndian(signature[0])).put(SIGNED_LENGTH + SIGNATURE_COMPONENT,
                littleEndian(signature[1]));
        return raw;
    }

    private static byte[] measurement() throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-384").digest(
                "coco4j development guest".getBytes(StandardCharsets.US_ASCII));
    }

    /** An unsigned value in the report's little-endian signature field. */
    private static byte[] littleEndian(BigInteger value) {
        byte[] out = new byte[SIGNATURE_COMPONENT];
        byte[] bigEndian = value.toByteArray();
        for (int i = 0; i < bigEndian.length && i < SIGNATURE_COMPONENT; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
