package io.github.coco4j.aa.attester.snp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.InitDataMismatchException;
import io.github.coco4j.aa.attester.ReportData;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.attester.tsm.TsmProvider;
import io.github.coco4j.aa.attester.tsm.TsmReport;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.SnpReport;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * AMD SEV-SNP through configfs-tsm (provider {@code sev_guest}, VMPL 0): evidence
 * {@code {"attestation_report": {...}, "cert_chain": [...]|null}} in upstream's shape. The report
 * must carry the requested report data, or the evidence is refused.
 */
public final class SnpAttester implements Attester {
    private static final int REPORT_DATA_SIZE = 64;
    private static final int HOSTDATA_SIZE = 32;
    private static final int VMPL0 = 0;

    private final ConfigfsTsm tsm;

    public SnpAttester(ConfigfsTsm tsm) {
        this.tsm = tsm;
    }

    @Override
    public TeeType tee() {
        return TeeType.SNP;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws AttestationException {
        byte[] padded = ReportData.padded(reportData, REPORT_DATA_SIZE, tee());
        TsmReport response = tsm.generate(TsmProvider.SEV, padded, VMPL0, true);
        SnpReport report = checkedReport(response.outblob(), padded);
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.set("attestation_report", SevEvidenceJson.attestationReport(report));
        if (response.auxblob() == null) {
            evidence.putNull("cert_chain");
        } else {
            try {
                evidence.set("cert_chain", SevEvidenceJson.certChain(CertTable.parse(response.auxblob())));
            } catch (IllegalArgumentException e) {
                throw new AttestationException("snp: " + e.getMessage(), e);
            }
        }
        return evidence;
    }

    @Override
    public boolean verifyInitDataBinding(byte[] initDataDigest) throws AttestationException {
        byte[] zero = new byte[REPORT_DATA_SIZE];
        byte[] hostData = checkedReport(tsm.generate(TsmProvider.SEV, zero, VMPL0, false).outblob(), zero).hostData();
        byte[] expected = ReportData.resized(initDataDigest, HOSTDATA_SIZE);
        if (!Arrays.equals(expected, hostData)) {
            throw new InitDataMismatchException("snp: HOSTDATA " + HexFormat.of().formatHex(hostData)
                    + " does not bind the initdata (expected " + HexFormat.of().formatHex(expected) + ")");
        }
        return true;
    }

    private static SnpReport checkedReport(byte[] outblob, byte[] reportData) throws AttestationException {
        SnpReport report;
        try {
            report = SnpReport.parse(outblob);
        } catch (EvidenceFormatException e) {
            throw new AttestationException("snp: configfs-tsm returned a malformed report: " + e.getMessage(), e);
        }
        if (!Arrays.equals(report.reportData(), reportData)) {
            throw new AttestationException("snp: the report returned by configfs-tsm does not carry the requested "
                    + "report data");
        }
        return report;
    }
}
