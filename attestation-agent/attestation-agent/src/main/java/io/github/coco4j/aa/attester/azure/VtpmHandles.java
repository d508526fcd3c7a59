package io.github.coco4j.aa.attester.azure;

/**
 * Where an Azure confidential VM's vTPM keeps what attestation needs.
 *
 * @param hclReport NV index with the paravisor's HCL report
 * @param reportData NV index the guest writes its report data to; the paravisor then refreshes
 *                   the HCL report with it as user data
 * @param attestationKey persistent handle of the AK the HCL report vouches for
 */
public record VtpmHandles(int hclReport, int reportData, int attestationKey) {
    /** Azure's handles, as upstream's az-cvm-vtpm uses them. */
    public static final VtpmHandles AZURE = new VtpmHandles(0x01400001, 0x01400002, 0x81000003);
}
