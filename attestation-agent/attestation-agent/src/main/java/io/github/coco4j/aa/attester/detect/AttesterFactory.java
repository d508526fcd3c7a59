package io.github.coco4j.aa.attester.detect;

import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.PlatformPaths;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.attester.azure.AzSnpVtpmAttester;
import io.github.coco4j.aa.attester.azure.AzTdxVtpmAttester;
import io.github.coco4j.aa.attester.azure.AzureImds;
import io.github.coco4j.aa.attester.azure.AzureVtpm;
import io.github.coco4j.aa.attester.azure.VtpmHandles;
import io.github.coco4j.aa.attester.sample.SampleAttester;
import io.github.coco4j.aa.attester.snp.SnpAttester;
import io.github.coco4j.aa.attester.tdx.TdxAttester;
import io.github.coco4j.aa.attester.tpm.TpmAttester;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.eventlog.AaEventLog;
import io.github.coco4j.tpm.TpmAddress;
import java.net.URI;

/** Builds the attester for a TEE type over the platform's interfaces. */
public final class AttesterFactory {
    private final PlatformPaths paths;
    private final ConfigfsTsm tsm;
    private final TpmAddress tpm;
    private final URI imds;

    /**
     * {@code tpm}: where the tpm and Azure vTPM attesters find their TPM; {@code imds}: Azure's
     * instance metadata service ({@link AzureImds#DEFAULT_URL} on Azure).
     */
    public AttesterFactory(PlatformPaths paths, ConfigfsTsm tsm, TpmAddress tpm, URI imds) {
        this.paths = paths;
        this.tsm = tsm;
        this.tpm = tpm;
        this.imds = imds;
    }

    public Attester create(TeeType tee) throws AttestationException {
        return switch (tee) {
            case SAMPLE -> new SampleAttester();
            case TDX -> new TdxAttester(tsm, paths.ccel(), paths.eventLogDirectory().resolve(AaEventLog.LOG_FILE),
                    paths.tdxMeasurements());
            case SNP -> new SnpAttester(tsm);
            case TPM -> new TpmAttester(tpm);
            case AZ_SNP_VTPM -> new AzSnpVtpmAttester(azureVtpm(), new AzureImds(imds));
            case AZ_TDX_VTPM -> new AzTdxVtpmAttester(azureVtpm(), new AzureImds(imds));
        };
    }

    private AzureVtpm azureVtpm() {
        return new AzureVtpm(tpm, VtpmHandles.AZURE, AzureVtpm.REPORT_REFRESH);
    }
}
