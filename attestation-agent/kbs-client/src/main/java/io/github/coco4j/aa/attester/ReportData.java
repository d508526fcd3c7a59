package io.github.coco4j.aa.attester;

import java.util.Arrays;

/** Report data sizing rules shared by attesters. */
public final class ReportData {
    private ReportData() {
    }

    /** Zero-pads to {@code size}; longer input is an error, since silently cutting would weaken the binding. */
    public static byte[] padded(byte[] reportData, int size, TeeType tee) throws AttestationException {
        return Arrays.copyOf(checked(reportData, size, tee), size);
    }

    /** The report data unchanged, if it is at most {@code size} bytes; longer input is an error. */
    public static byte[] checked(byte[] reportData, int size, TeeType tee) throws AttestationException {
        if (reportData.length > size) {
            throw new AttestationException(tee.wireName() + ": report data is " + reportData.length
                    + " bytes, the platform takes at most " + size);
        }
        return reportData;
    }

    /** Truncates or zero-pads to {@code size}, for registers whose form upstream defines that way. */
    public static byte[] resized(byte[] data, int size) {
        return Arrays.copyOf(data, size);
    }
}
