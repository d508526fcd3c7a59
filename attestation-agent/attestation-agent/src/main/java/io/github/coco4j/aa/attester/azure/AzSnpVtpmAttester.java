package io.github.coco4j.aa.attester.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.evidence.HclReport;

/**
 * Upstream's {@code az-snp-vtpm} attester, for SEV-SNP confidential VMs on Azure:
 * {@code {"version":2,"tpm_quote":{...},"hcl_report":b64url,"vcek":b64url DER}}. The VCEK, which
 * signed the SNP report inside the HCL report, comes from IMDS.
 */
public final class AzSnpVtpmAttester extends AzureVtpmAttester {
    public AzSnpVtpmAttester(AzureVtpm vtpm, AzureImds imds) {
        super(vtpm, imds);
    }

    @Override
    public TeeType tee() {
        return TeeType.AZ_SNP_VTPM;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws AttestationException {
        ObjectNode evidence = vtpm.gather(reportData, tee(), HclReport.SNP_REPORT_TYPE).evidence();
        evidence.put("vcek", AzureVtpm.base64Url(imds.vcek()));
        return evidence;
    }
}
