package io.github.coco4j.aa.evidence;

import java.util.Arrays;

/**
 * An AMD SEV-SNP attestation report (the 1184-byte ATTESTATION_REPORT of the SNP firmware ABI),
 * versions 2 to 5. TCB versions are decoded with the layout of the processor generation the
 * report comes from (Turin adds an FMC field and moves the others).
 */
public final class SnpReport {
    public static final int SIZE = 1184;
    /** The signature covers bytes 0x000–0x29F. */
    public static final int SIGNED_LENGTH = 0x2A0;

    /** Processor generations whose TCB layout differs. */
    public enum Generation { MILAN, GENOA, TURIN }

    /** A TCB_VERSION; {@code fmc} is present on Turin only (null otherwise). */
    public record TcbVersion(Integer fmc, int bootloader, int tee, int snp, int microcode) {
    }

    /** A firmware version as major.minor.build. */
    public record Version(int major, int minor, int build) {
    }

    private final byte[] raw;
    private final Generation generation;

    private SnpReport(byte[] raw, Generation generation) {
        this.raw = raw;
        this.generation = generation;
    }

    public static SnpReport parse(byte[] report) {
        if (report.length != SIZE) {
            throw new EvidenceFormatException("SNP report: " + report.length + " bytes, expected " + SIZE);
        }
        byte[] raw = report.clone();
        long version = new ByteReader(raw, "SNP report").u32le("version");
        if (version < 2) {
            throw new EvidenceFormatException("SNP report: version " + version + " is not supported (2 or later)");
        }
        return new SnpReport(raw, generationOf(raw, version));
    }

    private static Generation generationOf(byte[] raw, long version) {
        if (version == 2) {
            byte[] chipId = Arrays.copyOfRange(raw, 0x1A0, 0x1E0);
            if (allZero(chipId)) {
                throw new EvidenceFormatException("SNP report v2: CHIP_ID is masked, so the processor generation "
                        + "(and with it the TCB layout) cannot be told");
            }
            return allZero(Arrays.copyOfRange(chipId, 8, 64)) ? Generation.TURIN : Generation.GENOA;
        }
        int family = raw[0x188] & 0xff;
        int model = raw[0x189] & 0xff;
        if (family == 0x19 && model <= 0x0F) {
            return Generation.MILAN;
        }
        if (family == 0x19 && (model >= 0x10 && model <= 0x1F || model >= 0xA0 && model <= 0xAF)) {
            return Generation.GENOA;
        }
        if (family == 0x1A && model <= 0x11) {
            return Generation.TURIN;
        }
        throw new EvidenceFormatException(String.format(
                "SNP report: CPUID family 0x%02x model 0x%02x is not a known SEV-SNP processor", family, model));
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private ByteReader at(int offset) {
        return new ByteReader(raw, offset, "SNP report");
    }

    private byte[] slice(int offset, int length) {
        return Arrays.copyOfRange(raw, offset, offset + length);
    }

    private TcbVersion tcbAt(int offset) {
        byte[] b = slice(offset, 8);
        if (generation == Generation.TURIN) {
            return new TcbVersion(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff, b[7] & 0xff);
        }
        return new TcbVersion(null, b[0] & 0xff, b[1] & 0xff, b[6] & 0xff, b[7] & 0xff);
    }

    private Version versionAt(int offset) {
        return new Version(raw[offset + 2] & 0xff, raw[offset + 1] & 0xff, raw[offset] & 0xff);
    }

    public byte[] raw() {
        return raw.clone();
    }

    public Generation generation() {
        return generation;
    }

    public long version() {
        return at(0x00).u32le("version");
    }

    public long guestSvn() {
        return at(0x04).u32le("guest_svn");
    }

    public long policy() {
        return at(0x08).u64le("policy");
    }

    public byte[] familyId() {
        return slice(0x10, 16);
    }

    public byte[] imageId() {
        return slice(0x20, 16);
    }

    public long vmpl() {
        return at(0x30).u32le("vmpl");
    }

    public long signatureAlgorithm() {
        return at(0x34).u32le("signature_algo");
    }

    public TcbVersion currentTcb() {
        return tcbAt(0x38);
    }

    public long platformInfo() {
        return at(0x40).u64le("platform_info");
    }

    public long keyInfo() {
        return at(0x48).u32le("key_info");
    }

    public byte[] reportData() {
        return slice(0x50, 64);
    }

    public byte[] measurement() {
        return slice(0x90, 48);
    }

    public byte[] hostData() {
        return slice(0xC0, 32);
    }

    public byte[] idKeyDigest() {
        return slice(0xE0, 48);
    }

    public byte[] authorKeyDigest() {
        return slice(0x110, 48);
    }

    public byte[] reportId() {
        return slice(0x140, 32);
    }

    public byte[] reportIdMa() {
        return slice(0x160, 32);
    }

    public TcbVersion reportedTcb() {
        return tcbAt(0x180);
    }

    /** CPUID family, model and stepping; null for version 2 reports, which do not carry them. */
    public int[] cpuid() {
        return version() >= 3 ? new int[] {raw[0x188] & 0xff, raw[0x189] & 0xff, raw[0x18A] & 0xff} : null;
    }

    public byte[] chipId() {
        return slice(0x1A0, 64);
    }

    public TcbVersion committedTcb() {
        return tcbAt(0x1E0);
    }

    public Version currentVersion() {
        return versionAt(0x1E8);
    }

    public Version committedVersion() {
        return versionAt(0x1EC);
    }

    public TcbVersion launchTcb() {
        return tcbAt(0x1F0);
    }

    /** LAUNCH_MIT_VECTOR and CURRENT_MIT_VECTOR; null before version 5. */
    public long[] mitigationVectors() {
        return version() >= 5 ? new long[] {at(0x1F8).u64le("launch_mit_vector"), at(0x200).u64le("current_mit_vector")}
                : null;
    }

    /** Signature r component, 72 bytes little-endian as the firmware writes it. */
    public byte[] signatureR() {
        return slice(0x2A0, 72);
    }

    /** Signature s component, 72 bytes little-endian as the firmware writes it. */
    public byte[] signatureS() {
        return slice(0x2E8, 72);
    }

    /** The bytes the signature covers. */
    public byte[] signedBytes() {
        return slice(0, SIGNED_LENGTH);
    }
}
