package io.github.coco4j.aa.attester.detect;

import io.github.coco4j.aa.attester.PlatformPaths;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.aa.attester.azure.AzureVtpm;
import io.github.coco4j.aa.attester.azure.VtpmHandles;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.attester.tsm.TsmProvider;
import io.github.coco4j.tpm.TpmAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds the TEE this guest runs in, in upstream's order: TDX, Azure TDX vTPM, Azure SNP vTPM,
 * SNP, plain TPM, and only then the sample fallback (with a warning). An Azure confidential VM is
 * recognised, as upstream does, by the HCL report in its vTPM; the report's hardware type tells
 * TDX from SNP, since Azure's paravisor hides both guest devices.
 */
public final class TeeDetector {
    private static final Logger LOG = Logger.getLogger(TeeDetector.class.getName());

    private final PlatformPaths paths;
    private final ConfigfsTsm tsm;
    private final TpmAddress tpm;
    private final VtpmHandles azureHandles;

    /**
     * {@code tpm}: the TPM named explicitly ({@code --tpm} or AA_TPM_DEVICE, as for swtpm), or
     * {@code auto} for the kernel's device under {@code paths}.
     */
    public TeeDetector(PlatformPaths paths, ConfigfsTsm tsm, TpmAddress tpm) {
        this(paths, tsm, tpm, VtpmHandles.AZURE);
    }

    public TeeDetector(PlatformPaths paths, ConfigfsTsm tsm, TpmAddress tpm, VtpmHandles azureHandles) {
        this.paths = paths;
        this.tsm = tsm;
        this.tpm = tpm;
        this.azureHandles = azureHandles;
    }

    public TeeType detect() {
        if (tsm.supports(TsmProvider.TDX) || Files.exists(paths.tdxGuestDevice())) {
            return TeeType.TDX;
        }
        Optional<TpmAddress> present = presentTpm();
        Optional<TeeType> azure = present.flatMap(address -> AzureVtpm.detect(address, azureHandles));
        if (azure.isPresent()) {
            return azure.get();
        }
        if (Files.exists(paths.sevGuestDevice())) {
            return TeeType.SNP;
        }
        if (present.isPresent()) {
            LOG.warning("using the TPM at " + present.get() + ", which is not bound to a TEE: its evidence "
                    + "proves the boot state, not confidentiality");
            return TeeType.TPM;
        }
        LOG.warning("no TEE detected: using the sample attester, whose evidence proves nothing about this guest. "
                + "A KBS accepts it only when configured for development.");
        return TeeType.SAMPLE;
    }

    /** The named TPM, or for {@code auto} the kernel's device under the platform root if there is one. */
    private Optional<TpmAddress> presentTpm() {
        if (tpm instanceof TpmAddress.Tcp || tpm instanceof TpmAddress.Device) {
            return Optional.of(tpm);
        }
        if (tpm instanceof TpmAddress.Auto) {
            for (Path device : new Path[] {paths.tpmResourceManager(), paths.tpmDevice()}) {
                if (Files.exists(device)) {
                    return Optional.of(new TpmAddress.Device(device));
                }
            }
        }
        return Optional.empty();
    }
}
