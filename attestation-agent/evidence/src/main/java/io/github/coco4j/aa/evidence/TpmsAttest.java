package io.github.coco4j.aa.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * A TPM2 quote's signed message: TPMS_ATTEST with TPM_ST_ATTEST_QUOTE and a TPMS_QUOTE_INFO body.
 * Parsed strictly (magic, type, lengths, no trailing bytes), since verifiers rely on it.
 */
public final class TpmsAttest {
    public static final long TPM_GENERATED_VALUE = 0xff544347L;
    public static final int TPM_ST_ATTEST_QUOTE = 0x8018;
    public static final int TPM_ALG_SHA256 = 0x000B;

    /** One TPMS_PCR_SELECTION: a hash bank and the PCRs selected in it. */
    public record PcrSelection(int hashAlgorithm, List<Integer> pcrs) {
    }

    private final byte[] qualifiedSigner;
    private final byte[] extraData;
    private final long clock;
    private final long resetCount;
    private final long restartCount;
    private final long firmwareVersion;
    private final List<PcrSelection> pcrSelections;
    private final byte[] pcrDigest;

    private TpmsAttest(byte[] qualifiedSigner, byte[] extraData, long clock, long resetCount, long restartCount,
                       long firmwareVersion, List<PcrSelection> pcrSelections, byte[] pcrDigest) {
        this.qualifiedSigner = qualifiedSigner;
        this.extraData = extraData;
        this.clock = clock;
        this.resetCount = resetCount;
        this.restartCount = restartCount;
        this.firmwareVersion = firmwareVersion;
        this.pcrSelections = pcrSelections;
        this.pcrDigest = pcrDigest;
    }

    public static TpmsAttest parse(byte[] message) {
        ByteReader in = new ByteReader(message, "TPMS_ATTEST");
        long magic = in.u32be("magic");
        if (magic != TPM_GENERATED_VALUE) {
            throw new EvidenceFormatException(String.format("TPMS_ATTEST: magic 0x%08x is not TPM_GENERATED_VALUE",
                    magic));
        }
        int type = in.u16be("type");
        if (type != TPM_ST_ATTEST_QUOTE) {
            throw new EvidenceFormatException(String.format("TPMS_ATTEST: type 0x%04x is not a quote (0x8018)", type));
        }
        byte[] signer = in.bytes(in.u16be("qualifiedSigner.size"), "qualifiedSigner");
        byte[] extra = in.bytes(in.u16be("extraData.size"), "extraData");
        long clock = in.u64be("clockInfo.clock");
        long resets = in.u32be("clockInfo.resetCount");
        long restarts = in.u32be("clockInfo.restartCount");
        in.u8("clockInfo.safe");
        long firmware = in.u64be("firmwareVersion");
        long count = in.u32be("pcrSelect.count");
        if (count > 16) {
            throw new EvidenceFormatException("TPMS_ATTEST: " + count + " PCR selections is more than a TPM has banks");
        }
        List<PcrSelection> selections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int hash = in.u16be("pcrSelections[" + i + "].hash");
            byte[] bitmap = in.bytes(in.u8("pcrSelections[" + i + "].sizeofSelect"), "pcrSelections[" + i + "].pcrSelect");
            selections.add(new PcrSelection(hash, selectedPcrs(bitmap)));
        }
        byte[] digest = in.bytes(in.u16be("pcrDigest.size"), "pcrDigest");
        in.expectEnd();
        return new TpmsAttest(signer, extra, clock, resets, restarts, firmware, List.copyOf(selections), digest);
    }

    private static List<Integer> selectedPcrs(byte[] bitmap) {
        List<Integer> pcrs = new ArrayList<>();
        for (int octet = 0; octet < bitmap.length; octet++) {
            for (int bit = 0; bit < 8; bit++) {
                if ((bitmap[octet] >> bit & 1) == 1) {
                    pcrs.add(octet * 8 + bit);
                }
            }
        }
        return List.copyOf(pcrs);
    }

    public byte[] qualifiedSigner() {
        return qualifiedSigner.clone();
    }

    /** The caller-supplied qualifying data: the nonce / report data the quote was made for. */
    public byte[] extraData() {
        return extraData.clone();
    }

    public long clock() {
        return clock;
    }

    public long resetCount() {
        return resetCount;
    }

    public long restartCount() {
        return restartCount;
    }

    public long firmwareVersion() {
        return firmwareVersion;
    }

    public List<PcrSelection> pcrSelections() {
        return pcrSelections;
    }

    /** Digest (with the signing scheme's hash) of the selected PCR values in selection order. */
    public byte[] pcrDigest() {
        return pcrDigest.clone();
    }
}
