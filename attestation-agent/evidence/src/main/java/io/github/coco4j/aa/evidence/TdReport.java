package io.github.coco4j.aa.evidence;

import java.util.List;

/**
 * A TDX TD report (TDREPORT_STRUCT, 1024 bytes), as Azure's HCL report carries it: the
 * REPORTMACSTRUCT with the report data, TEE_TCB_INFO with the TDX module's identity, and TDINFO
 * with the TD's measurements. Its fields are the ones a TD quote's body repeats, so they are read
 * into {@link TdxQuote.Body} (TDX 1.0 fields only) for comparison with the quote.
 */
public final class TdReport {
    public static final int SIZE = 1024;
    private static final int TYPE_TDX = 0x81;
    private static final int REPORT_DATA_OFFSET = 128;
    private static final int TEE_TCB_INFO_OFFSET = 256;
    private static final int TD_INFO_OFFSET = 512;

    private TdReport() {
    }

    /** The report's fields under the names of a TD quote body. */
    public static TdxQuote.Body parse(byte[] report) {
        if (report.length != SIZE) {
            throw new EvidenceFormatException("TD report: " + report.length + " bytes, not " + SIZE);
        }
        ByteReader in = new ByteReader(report, "TD report");
        int type = in.u8("report type");
        if (type != TYPE_TDX) {
            throw new EvidenceFormatException(String.format("TD report: type 0x%02x is not TDX (0x81)", type));
        }
        in.seek(REPORT_DATA_OFFSET, "report data");
        byte[] reportData = in.bytes(64, "report data");
        // TEE_TCB_INFO starts with an 8-byte validity mask for its fields.
        in.seek(TEE_TCB_INFO_OFFSET + 8, "tee_tcb_svn");
        byte[] tcbSvn = in.bytes(16, "tee_tcb_svn");
        byte[] mrSeam = in.bytes(48, "mr_seam");
        byte[] mrSignerSeam = in.bytes(48, "mrsigner_seam");
        byte[] seamAttributes = in.bytes(8, "seam_attributes");
        in.seek(TD_INFO_OFFSET, "td_info");
        byte[] tdAttributes = in.bytes(8, "td_attributes");
        byte[] xfam = in.bytes(8, "xfam");
        byte[] mrTd = in.bytes(48, "mr_td");
        byte[] mrConfigId = in.bytes(48, "mr_config_id");
        byte[] mrOwner = in.bytes(48, "mr_owner");
        byte[] mrOwnerConfig = in.bytes(48, "mr_owner_config");
        List<byte[]> rtmrs = List.of(in.bytes(48, "rtmr_0"), in.bytes(48, "rtmr_1"), in.bytes(48, "rtmr_2"),
                in.bytes(48, "rtmr_3"));
        return new TdxQuote.Body(tcbSvn, mrSeam, mrSignerSeam, seamAttributes, tdAttributes, xfam, mrTd, mrConfigId,
                mrOwner, mrOwnerConfig, rtmrs, reportData, null, null);
    }
}
