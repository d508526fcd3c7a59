package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.TdxQuote;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A TD quote's claims as Trustee's parse_tdx_claims names them: {@code quote} with its header and
 * body fields in hex (and a v5 quote's body type and size), {@code td_attributes} as flags, the
 * body's report data as {@code report_data} and MRCONFIGID as {@code init_data}. The event log
 * and the PCK certificate's platform instance id, which Trustee adds when it has them, are not
 * among them.
 */
final class TdxClaims {
    private static final HexFormat HEX = HexFormat.of();
    private static final int TDX15_BODY_TYPE = 3;
    private static final int TDX10_BODY_SIZE = 584;
    private static final int TDX15_BODY_SIZE = 648;

    private TdxClaims() {
    }

    static ObjectNode of(TdxQuote quote) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        ObjectNode quoteClaims = claims.putObject("quote");
        header(quoteClaims.putObject("header"), quote.header());
        if (quote.v5BodyType() != null) {
            int type = quote.v5BodyType();
            quoteClaims.put("type", HEX.formatHex(littleEndian(type, 2)));
            quoteClaims.put("size", HEX.formatHex(littleEndian(
                    type == TDX15_BODY_TYPE ? TDX15_BODY_SIZE : TDX10_BODY_SIZE, 4)));
        }
        body(quoteClaims.putObject("body"), quote.body());
        tdAttributes(claims.putObject("td_attributes"), quote.body().tdAttributes());
        claims.put("report_data", HEX.formatHex(quote.reportData()));
        claims.put("init_data", HEX.formatHex(quote.mrConfigId()));
        return claims;
    }

    private static void header(ObjectNode claims, TdxQuote.Header header) {
        claims.put("version", HEX.formatHex(littleEndian(header.version(), 2)));
        claims.put("att_key_type", HEX.formatHex(header.attKeyType()));
        claims.put("tee_type", HEX.formatHex(header.teeType()));
        claims.put("reserved", HEX.formatHex(header.reserved()));
        claims.put("vendor_id", HEX.formatHex(header.vendorId()));
        claims.put("user_data", HEX.formatHex(header.userData()));
    }

    private static void body(ObjectNode claims, TdxQuote.Body body) {
        claims.put("tcb_svn", HEX.formatHex(body.tcbSvn()));
        claims.put("mr_seam", HEX.formatHex(body.mrSeam()));
        claims.put("mrsigner_seam", HEX.formatHex(body.mrSignerSeam()));
        claims.put("seam_attributes", HEX.formatHex(body.seamAttributes()));
        claims.put("td_attributes", HEX.formatHex(body.tdAttributes()));
        claims.put("xfam", HEX.formatHex(body.xfam()));
        claims.put("mr_td", HEX.formatHex(body.mrTd()));
        claims.put("mr_config_id", HEX.formatHex(body.mrConfigId()));
        claims.put("mr_owner", HEX.formatHex(body.mrOwner()));
        claims.put("mr_owner_config", HEX.formatHex(body.mrOwnerConfig()));
        for (int i = 0; i < body.rtmrs().size(); i++) {
            claims.put("rtmr_" + i, HEX.formatHex(body.rtmrs().get(i)));
        }
        claims.put("report_data", HEX.formatHex(body.reportData()));
        if (body.teeTcbSvn2() != null) {
            claims.put("tee_tcb_svn2", HEX.formatHex(body.teeTcbSvn2()));
            claims.put("mr_servicetd", HEX.formatHex(body.mrServiceTd()));
        }
    }

    /** The TD attributes Trustee names, each a bit of the little-endian 64-bit field. */
    private static void tdAttributes(ObjectNode claims, byte[] attributes) {
        long bits = ByteBuffer.wrap(attributes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        claims.put("debug", bit(bits, 0));
        claims.put("key_locker", bit(bits, 31));
        claims.put("perfmon", bit(bits, 63));
        claims.put("protection_keys", bit(bits, 30));
        claims.put("septve_disable", bit(bits, 28));
    }

    private static boolean bit(long value, int bit) {
        return (value >>> bit & 1) == 1;
    }

    /** The low {@code size} bytes of {@code value}, little-endian. */
    private static byte[] littleEndian(int value, int size) {
        return Arrays.copyOf(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array(), size);
    }
}
