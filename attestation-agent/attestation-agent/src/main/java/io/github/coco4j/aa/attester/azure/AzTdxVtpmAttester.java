package io.github.coco4j.aa.attester.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.evidence.HclReport;

/**
 * Upstream's {@code az-tdx-vtpm} attester, for TDX confidential VMs on Azure:
 * {@code {"version":2,"tpm_quote":{...},"hcl_report":b64url,"td_quote":b64url}}. The paravisor
 * only yields a TD report; IMDS turns the one inside the HCL report into a signed TD quote.
 */
public final class AzTdxVtpmAttester extends AzureVtpmAttester {
    public AzTdxVtpmAttester(AzureVtpm vtpm, AzureImds imds) {
        super(vtpm, imds);
    }

    @Override
    public TeeType tee() {
        return TeeType.AZ_TDX_VTPM;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws AttestationException {
        AzureVtpm.Gathered gathered = vtpm.gather(reportData, tee(), HclReport.TDX_REPORT_TYPE);
        ObjectNode evidence = gathered.evidence();
        evidence.put("td_quote", AzureVtpm.base64Url(imds.tdQuote(gathered.hclReport().tdReport())));
        return evidence;
    }
}
