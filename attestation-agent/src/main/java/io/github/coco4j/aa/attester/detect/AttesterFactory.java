package io.github.coco4j.aa.attester.detect;

import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.PlatformPaths;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.attester.sample.SampleAttester;
import io.github.coco4j.aa.attester.snp.SnpAttester;
import io.github.coco4j.aa.attester.tdx.TdxAttester;
import io.github.coco4j.aa.attester.tpm.TpmAttester;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.eventlog.AaEventLog;
import io.github.coco4j.tpm.TpmAddress;

/** Builds the attester for a TEE type over the platform's interfaces. */
public final class AttesterFactory {
    private final PlatformPaths paths;
    private final ConfigfsTsm tsm;
    private final TpmAddress tpm;

    /** {@code tpm}: where the tpm attester finds its TPM. */
    public AttesterFactory(PlatformPaths paths, ConfigfsTsm tsm, TpmAddress tpm) {
        this.paths = paths;
        this.tsm = tsm;
        this.tpm = tpm;
    }

    public Attester create(TeeType tee) throws AttestationException {
        return switch (tee) {
            case SAMPLE -> new SampleAttester();
            case TDX -> new TdxAttester(tsm, paths.ccel(), paths.eventLogDirectory().resolve(AaEventLog.LOG_FILE),
                    paths.tdxMeasurements());
            case SNP -> new SnpAttester(tsm);
            case TPM -> new TpmAttester(tpm);
            default -> throw new AttestationException("the " + tee.wireName()
                    + " attester needs TPM access, which this build does not have yet");
        };
    }
}
