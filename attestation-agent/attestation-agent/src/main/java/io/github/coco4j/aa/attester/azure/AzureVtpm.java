package io.github.coco4j.aa.attester.azure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.ReportData;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.HclReport;
import io.github.coco4j.aa.evidence.TpmtSignature;
import io.github.coco4j.tpm.Quote;
import io.github.coco4j.tpm.TpmAccessException;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The vTPM of an Azure confidential VM, which the paravisor (HCL) backs with the hardware TEE.
 * Evidence is gathered as upstream's az-cvm-vtpm does: the report data goes to the report data NV
 * index, and after the paravisor had time to notice, the HCL report is read back (its hardware
 * report now binds the report data through the variable data's user data); the AK then quotes the
 * sha256 PCRs 0–23 with the report data as the nonce.
 */
public final class AzureVtpm {
    /** Upstream waits this long between writing the report data and reading the report, so it is not stale. */
    public static final Duration REPORT_REFRESH = Duration.ofSeconds(3);
    /** Upstream's evidence schema: v2 has the report data in the HCL report's user data. */
    static final int EVIDENCE_VERSION = 2;
    /** The largest TPM2B_DATA nonce, which bounds the report data. */
    private static final int MAX_REPORT_DATA = 64;
    private static final Logger LOG = Logger.getLogger(AzureVtpm.class.getName());

    private final TpmAddress address;
    private final VtpmHandles handles;
    private final Duration reportRefresh;

    public AzureVtpm(TpmAddress address, VtpmHandles handles, Duration reportRefresh) {
        this.address = address;
        this.handles = handles;
        this.reportRefresh = reportRefresh;
    }

    public TpmAddress address() {
        return address;
    }

    /** What a vTPM attester sends, before its TEE-specific endorsement is added. */
    record Gathered(HclReport hclReport, Quote quote) {
        /** {@code {"version":2,"tpm_quote":{signature,message,pcrs as hex},"hcl_report":base64url}}. */
        ObjectNode evidence() {
            HexFormat hex = HexFormat.of();
            ObjectNode evidence = JsonNodeFactory.instance.objectNode();
            evidence.put("version", EVIDENCE_VERSION);
            ObjectNode tpmQuote = evidence.putObject("tpm_quote");
            // Upstream sends the bare RSA signature, not the TPMT_SIGNATURE around it.
            tpmQuote.put("signature", hex.formatHex(TpmtSignature.parse(quote.signature()).signature()));
            tpmQuote.put("message", hex.formatHex(quote.attest()));
            ArrayNode pcrs = tpmQuote.putArray("pcrs");
            quote.pcrs().forEach(pcr -> pcrs.add(hex.formatHex(pcr)));
            evidence.put("hcl_report", base64Url(hclReport.raw()));
            return evidence;
        }
    }

    /** A fresh HCL report carrying a hardware report of {@code expectedType}, and the quote, for {@code reportData}. */
    Gathered gather(byte[] reportData, TeeType tee, int expectedType) throws AttestationException {
        ReportData.checked(reportData, MAX_REPORT_DATA, tee);
        try (TpmService tpm = TpmService.open(address)) {
            tpm.writeNv(handles.reportData(), reportData);
            pause(tee);
            HclReport report = parse(tpm.readNv(handles.hclReport()), tee);
            if (report.reportType() != expectedType) {
                throw new AttestationException(tee.wireName() + ": the HCL report carries hardware report type "
                        + report.reportType() + ", not " + expectedType);
            }
            Quote quote = tpm.quoteWithProvisionedKey(handles.attestationKey(), reportData, TpmService.ALL_PCRS);
            return new Gathered(report, quote);
        } catch (TpmAccessException e) {
            throw new AttestationException(tee.wireName() + ": " + e.getMessage(), e);
        }
    }

    private void pause(TeeType tee) throws AttestationException {
        if (reportRefresh.isZero()) {
            return;
        }
        try {
            Thread.sleep(reportRefresh.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttestationException(tee.wireName() + ": interrupted while the HCL report refreshes", e);
        }
    }

    private static HclReport parse(byte[] raw, TeeType tee) throws AttestationException {
        try {
            return HclReport.parse(raw);
        } catch (EvidenceFormatException e) {
            throw new AttestationException(tee.wireName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The Azure vTPM TEE this TPM belongs to, judged like upstream by the HCL report in its NV
     * index; empty when the index is absent, unreadable or holds no HCL report.
     */
    public static Optional<TeeType> detect(TpmAddress address, VtpmHandles handles) {
        byte[] raw;
        try (TpmService tpm = TpmService.open(address)) {
            if (tpm.nvSize(handles.hclReport()).isEmpty()) {
                return Optional.empty();
            }
            raw = tpm.readNv(handles.hclReport());
        } catch (TpmAccessException e) {
            LOG.fine(() -> "no Azure HCL report on the TPM at " + address + ": " + e.getMessage());
            return Optional.empty();
        }
        try {
            int type = HclReport.parse(raw).reportType();
            return Optional.of(type == HclReport.TDX_REPORT_TYPE ? TeeType.AZ_TDX_VTPM : TeeType.AZ_SNP_VTPM);
        } catch (EvidenceFormatException e) {
            LOG.fine(() -> "NV index " + Integer.toHexString(handles.hclReport()) + " holds no HCL report: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /** Base64url with padding, the encoding of upstream's binary evidence fields. */
    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().encodeToString(bytes);
    }
}
