package io.github.coco4j.aa.evidence;

import java.util.Arrays;
import java.util.List;

/**
 * An Intel TDX ECDSA quote, version 4 (TDX 1.0 body) or version 5 (TDX 1.0 or 1.5 body), as a TD
 * gets it from configfs-tsm or the quoting service. Only the signed part and the quote signature
 * are interpreted; the QE certification data that follows is left to verifiers that hold Intel
 * collateral.
 */
public final class TdxQuote {
    /** tee_type of a TD quote (little-endian 0x00000081). */
    private static final long TEE_TYPE_TDX = 0x81;
    private static final int ATT_KEY_TYPE_ECDSA_P256 = 2;
    private static final int HEADER_SIZE = 48;
    private static final int V5_TYPE_TDX10 = 2;
    private static final int V5_TYPE_TDX15 = 3;

    /** The quote header, with the field names Trustee uses in its claims. */
    public record Header(int version, byte[] attKeyType, byte[] teeType, byte[] reserved, byte[] vendorId,
                         byte[] userData) {
    }

    /**
     * A TD report body. {@code teeTcbSvn2} and {@code mrServiceTd} exist only in TDX 1.5 bodies
     * (quote v5, type 3) and are null otherwise.
     */
    public record Body(byte[] tcbSvn, byte[] mrSeam, byte[] mrSignerSeam, byte[] seamAttributes,
                       byte[] tdAttributes, byte[] xfam, byte[] mrTd, byte[] mrConfigId, byte[] mrOwner,
                       byte[] mrOwnerConfig, List<byte[]> rtmrs, byte[] reportData, byte[] teeTcbSvn2,
                       byte[] mrServiceTd) {
    }

    /** ECDSA P-256 signature (r, s) over the signed part and the attestation public key (x, y). */
    public record Signature(byte[] r, byte[] s, byte[] keyX, byte[] keyY) {
    }

    private final Header header;
    private final Integer v5BodyType;
    private final Body body;
    private final byte[] signedBytes;
    private final Signature signature;

    private TdxQuote(Header header, Integer v5BodyType, Body body, byte[] signedBytes, Signature signature) {
        this.header = header;
        this.v5BodyType = v5BodyType;
        this.body = body;
        this.signedBytes = signedBytes;
        this.signature = signature;
    }

    public static TdxQuote parse(byte[] quote) {
        ByteReader in = new ByteReader(quote, "TDX quote");
        int version = in.u16le("header.version");
        int attKeyType = in.u16le("header.att_key_type");
        long teeType = in.u32le("header.tee_type");
        in.skip(HEADER_SIZE - 8, "header.reserved..user_data");
        Header header = new Header(version, Arrays.copyOfRange(quote, 2, 4), Arrays.copyOfRange(quote, 4, 8),
                Arrays.copyOfRange(quote, 8, 12), Arrays.copyOfRange(quote, 12, 28), Arrays.copyOfRange(quote, 28, 48));
        if (attKeyType != ATT_KEY_TYPE_ECDSA_P256) {
            throw new EvidenceFormatException("TDX quote: att_key_type " + attKeyType
                    + " is not ECDSA-256-with-P-256 (2)");
        }
        if (teeType != TEE_TYPE_TDX) {
            throw new EvidenceFormatException(String.format("TDX quote: tee_type 0x%08x is not TDX (0x00000081)",
                    teeType));
        }
        Integer bodyType = null;
        boolean tdx15;
        switch (version) {
            case 4 -> tdx15 = false;
            case 5 -> {
                bodyType = in.u16le("body type");
                if (bodyType != V5_TYPE_TDX10 && bodyType != V5_TYPE_TDX15) {
                    throw new EvidenceFormatException("TDX quote v5: body type " + bodyType
                            + " is neither TDX 1.0 (2) nor TDX 1.5 (3)");
                }
                tdx15 = bodyType == V5_TYPE_TDX15;
                long declared = in.u32le("body size");
                long expected = tdx15 ? 648 : 584;
                if (declared != expected) {
                    throw new EvidenceFormatException("TDX quote v5: body size " + declared + " does not match the "
                            + expected + " bytes of its body type");
                }
            }
            default -> throw new EvidenceFormatException("TDX quote: version " + version + " is not 4 or 5");
        }
        Body body = readBody(in, tdx15);
        byte[] signed = Arrays.copyOf(quote, in.position());
        long signatureLength = in.u32le("signature data length");
        if (signatureLength > in.remaining()) {
            throw new EvidenceFormatException("TDX quote: signature data length " + signatureLength
                    + " exceeds the " + in.remaining() + " bytes left");
        }
        Signature signature = new Signature(in.bytes(32, "signature.r"), in.bytes(32, "signature.s"),
                in.bytes(32, "attestation key x"), in.bytes(32, "attestation key y"));
        return new TdxQuote(header, bodyType, body, signed, signature);
    }

    private static Body readBody(ByteReader in, boolean tdx15) {
        byte[] tcbSvn = in.bytes(16, "body.tee_tcb_svn");
        byte[] mrSeam = in.bytes(48, "body.mr_seam");
        byte[] mrSignerSeam = in.bytes(48, "body.mrsigner_seam");
        byte[] seamAttributes = in.bytes(8, "body.seam_attributes");
        byte[] tdAttributes = in.bytes(8, "body.td_attributes");
        byte[] xfam = in.bytes(8, "body.xfam");
        byte[] mrTd = in.bytes(48, "body.mr_td");
        byte[] mrConfigId = in.bytes(48, "body.mr_config_id");
        byte[] mrOwner = in.bytes(48, "body.mr_owner");
        byte[] mrOwnerConfig = in.bytes(48, "body.mr_owner_config");
        List<byte[]> rtmrs = List.of(in.bytes(48, "body.rtmr_0"), in.bytes(48, "body.rtmr_1"),
                in.bytes(48, "body.rtmr_2"), in.bytes(48, "body.rtmr_3"));
        byte[] reportData = in.bytes(64, "body.report_data");
        byte[] teeTcbSvn2 = tdx15 ? in.bytes(16, "body.tee_tcb_svn2") : null;
        byte[] mrServiceTd = tdx15 ? in.bytes(48, "body.mr_servicetd") : null;
        return new Body(tcbSvn, mrSeam, mrSignerSeam, seamAttributes, tdAttributes, xfam, mrTd, mrConfigId,
                mrOwner, mrOwnerConfig, rtmrs, reportData, teeTcbSvn2, mrServiceTd);
    }

    public Header header() {
        return header;
    }

    /** The v5 body type (2 = TDX 1.0, 3 = TDX 1.5), or null for a v4 quote. */
    public Integer v5BodyType() {
        return v5BodyType;
    }

    public Body body() {
        return body;
    }

    public byte[] reportData() {
        return body.reportData().clone();
    }

    public byte[] mrConfigId() {
        return body.mrConfigId().clone();
    }

    /** Header and body (with the v5 type and size fields): the bytes the quote signature covers. */
    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    public Signature signature() {
        return signature;
    }
}
