package io.github.coco4j.aa.attester;

import java.nio.file.Path;

/**
 * Where the platform's attestation interfaces live. The defaults are the Linux locations; tests
 * and unusual guests root them elsewhere with {@link #rootedAt(Path)}.
 *
 * @param tsmReport configfs-tsm report directory
 * @param tdxGuestDevice the TDX guest device, whose presence marks a TD
 * @param tdxMeasurements the kernel's TDX measurement registers (MRCONFIGID, RTMRs)
 * @param sevGuestDevice the SEV guest platform device, whose presence marks an SNP guest
 * @param ccel the firmware's confidential computing event log table
 * @param eventLogDirectory where the attestation agent keeps its event log
 * @param tpmResourceManager the kernel's TPM resource manager device
 * @param tpmDevice the kernel's raw TPM device
 */
public record PlatformPaths(Path tsmReport, Path tdxGuestDevice, Path tdxMeasurements, Path sevGuestDevice,
                            Path ccel, Path eventLogDirectory, Path tpmResourceManager, Path tpmDevice) {
    public static final PlatformPaths LINUX = rootedAt(Path.of("/"));

    public static PlatformPaths rootedAt(Path root) {
        return new PlatformPaths(
                root.resolve("sys/kernel/config/tsm/report"),
                root.resolve("dev/tdx_guest"),
                root.resolve("sys/devices/virtual/misc/tdx_guest/measurements"),
                root.resolve("sys/devices/platform/sev-guest"),
                root.resolve("sys/firmware/acpi/tables/data/CCEL"),
                root.resolve("run/attestation-agent"),
                root.resolve("dev/tpmrm0"),
                root.resolve("dev/tpm0"));
    }
}
