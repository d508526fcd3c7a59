package io.github.coco4j.it;

import io.github.coco4j.testing.ManagedProcess;
import io.github.coco4j.testing.Swtpm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code azure-snp-dev-platform} launcher around swtpms: one Azure SNP confidential VM for each,
 * seen by the guest through its paravisor stand-in ({@link #vtpm}) and the loopback IMDS ({@link #imds}).
 */
final class AzureSnpDevPlatformProcess implements AutoCloseable {
    private final ManagedProcess process;
    private final List<String> vtpms;
    private final String imds;

    private AzureSnpDevPlatformProcess(ManagedProcess process, List<String> vtpms, String imds) {
        this.process = process;
        this.vtpms = vtpms;
        this.imds = imds;
    }

    /** The platform around {@code tpms}, its development root written to {@code root} (for the KBS). */
    static AzureSnpDevPlatformProcess start(Path dir, Path root, Swtpm... tpms) throws Exception {
        List<String> command = new ArrayList<>(List.of(Dist.launcher("azure-snp-dev-platform"), "--root", root.toString()));
        for (Swtpm tpm : tpms) {
            command.addAll(List.of("--tpm", tpm.address()));
        }
        ManagedProcess process = ManagedProcess.start(dir, command, Map.of());
        try {
            process.awaitReady(() -> !lines(process, "imds: ").isEmpty(), Duration.ofSeconds(60));
            return new AzureSnpDevPlatformProcess(process, lines(process, "vtpm: "), lines(process, "imds: ").get(0));
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
    }

    private static List<String> lines(ManagedProcess process, String prefix) {
        try {
            return process.stdout().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attestation agent's options for the {@code vm}th VM (in the order of the swtpms given). */
    List<String> agentOptions(int vm) {
        return List.of("--tpm", vtpms.get(vm), "--azure-imds", imds);
    }

    @Override
    public void close() {
        process.close();
    }
}
