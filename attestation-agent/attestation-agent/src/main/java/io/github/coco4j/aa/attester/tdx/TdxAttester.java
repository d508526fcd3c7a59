package io.github.coco4j.aa.attester.tdx;

import io.github.coco4j.errors.Failures;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.InitDataMismatchException;
import io.github.coco4j.aa.attester.ReportData;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.attester.tsm.TsmProvider;
import io.github.coco4j.aa.eventlog.CcEventLog;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.TdxQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Intel TDX through configfs-tsm: evidence {@code {"cc_eventlog": <base64>|null, "quote": <base64>}}.
 * Unlike upstream it checks that the quote it got back carries the report data it asked for.
 */
public final class TdxAttester implements Attester {
    private static final int REPORT_DATA_SIZE = 64;
    private static final int MRCONFIGID_SIZE = 48;

    private final ConfigfsTsm tsm;
    private final Path ccel;
    private final Path aael;
    private final Path measurements;

    /**
     * @param ccel the firmware event log table
     * @param aael the attestation agent's event log file
     * @param measurements the kernel's TDX measurement registers directory (Linux 6.16 and later)
     */
    public TdxAttester(ConfigfsTsm tsm, Path ccel, Path aael, Path measurements) {
        this.tsm = tsm;
        this.ccel = ccel;
        this.aael = aael;
        this.measurements = measurements;
    }

    @Override
    public TeeType tee() {
        return TeeType.TDX;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws AttestationException {
        byte[] quote = quote(ReportData.padded(reportData, REPORT_DATA_SIZE, tee()));
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        Optional<byte[]> eventLog;
        try {
            eventLog = CcEventLog.read(ccel, aael);
        } catch (IOException e) {
            throw new AttestationException("tdx: cannot read the event log: " + Failures.describe(e), e);
        }
        evidence.put("cc_eventlog", eventLog.map(Base64.getEncoder()::encodeToString).orElse(null));
        evidence.put("quote", Base64.getEncoder().encodeToString(quote));
        return evidence;
    }

    @Override
    public boolean verifyInitDataBinding(byte[] initDataDigest) throws AttestationException {
        byte[] expected = ReportData.resized(initDataDigest, MRCONFIGID_SIZE);
        byte[] actual = mrConfigId();
        if (!Arrays.equals(expected, actual)) {
            throw new InitDataMismatchException("tdx: MRCONFIGID " + HexFormat.of().formatHex(actual)
                    + " does not bind the initdata (expected " + HexFormat.of().formatHex(expected) + ")");
        }
        return true;
    }

    /** MRCONFIGID from the kernel's measurement registers when it exposes them, else from a fresh quote. */
    private byte[] mrConfigId() throws AttestationException {
        Path file = measurements.resolve("mrconfigid");
        if (Files.isRegularFile(file)) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new AttestationException("tdx: cannot read " + file + ": " + Failures.describe(e), e);
            }
        }
        return parse(quote(new byte[REPORT_DATA_SIZE])).mrConfigId();
    }

    private byte[] quote(byte[] reportData) throws AttestationException {
        byte[] quote = tsm.generate(TsmProvider.TDX, reportData, null, false).outblob();
        if (!Arrays.equals(parse(quote).reportData(), reportData)) {
            throw new AttestationException("tdx: the quote returned by configfs-tsm does not carry the requested "
                    + "report data");
        }
        return quote;
    }

    private static TdxQuote parse(byte[] quote) throws AttestationException {
        try {
            return TdxQuote.parse(quote);
        } catch (EvidenceFormatException e) {
            throw new AttestationException("tdx: configfs-tsm returned a malformed quote: " + e.getMessage(), e);
        }
    }
}
