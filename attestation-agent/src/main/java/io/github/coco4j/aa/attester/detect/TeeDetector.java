package io.github.coco4j.aa.attester.detect;

import io.github.coco4j.aa.attester.PlatformPaths;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.attester.tsm.TsmProvider;
import java.nio.file.Files;
import java.util.logging.Logger;

/**
 * Finds the TEE this guest runs in, in upstream's order: TDX, Azure TDX vTPM, Azure SNP vTPM,
 * SNP, plain TPM, and only then the sample fallback (with a warning).
 */
public final class TeeDetector {
    private static final Logger LOG = Logger.getLogger(TeeDetector.class.getName());

    private final PlatformPaths paths;
    private final ConfigfsTsm tsm;
    private final boolean tpmNamed;

    /** {@code tpmNamed}: a TPM was named explicitly ({@code --tpm} or AA_TPM_DEVICE), as for swtpm. */
    public TeeDetector(PlatformPaths paths, ConfigfsTsm tsm, boolean tpmNamed) {
        this.paths = paths;
        this.tsm = tsm;
        this.tpmNamed = tpmNamed;
    }

    public TeeType detect() {
        if (tsm.supports(TsmProvider.TDX) || Files.exists(paths.tdxGuestDevice())) {
            return TeeType.TDX;
        }
        if (Files.exists(paths.sevGuestDevice())) {
            return TeeType.SNP;
        }
        if (tpmNamed || Files.exists(paths.tpmResourceManager())
                || Files.exists(paths.tpmDevice())) {
            return TeeType.TPM;
        }
        LOG.warning("no TEE detected: using the sample attester, whose evidence proves nothing about this guest. "
                + "A KBS accepts it only when configured for development.");
        return TeeType.SAMPLE;
    }
}
