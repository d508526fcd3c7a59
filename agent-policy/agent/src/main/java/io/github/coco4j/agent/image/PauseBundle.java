package io.github.coco4j.agent.image;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.proto.kata.Process;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The pod's sandbox container, which Kata never pulls: it runs the guest image's pause bundle
 * ({@code /pause_bundle}: {@code config.json} and {@code rootfs/}). As Kata's
 * {@code unpack_pause_image}, the container's bundle gets a copy of that config and of the one
 * binary its process runs, and the process is the bundle's, whatever the request said.
 */
final class PauseBundle {
    private final Path guestBundle;

    PauseBundle(Path guestBundle) {
        this.guestBundle = guestBundle;
    }

    /** Copies the pause container into {@code bundle}; returns its process. */
    Process copyInto(Path bundle) throws IOException {
        Path config = guestBundle.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "the guest has no pause bundle: " + config
                    + " is missing (the sandbox container runs the guest image's pause, it is not pulled)");
        }
        Process process = ImageProcess.read(config);
        String binary = process.getArgsCount() == 0 ? "" : process.getArgs(0);
        Path relative = Path.of("/").relativize(Path.of(binary.isEmpty() ? "/" : binary).normalize());
        if (!binary.startsWith("/") || relative.toString().isEmpty()) {
            throw new AgentException(AgentException.Kind.FAILED_PRECONDITION,
                    config + ": the pause process must run an absolute path inside its rootfs, not '" + binary + "'");
        }
        Files.copy(config, bundle.resolve("config.json"));
        Path target = bundle.resolve("rootfs").resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(guestBundle.resolve("rootfs").resolve(relative), target, StandardCopyOption.COPY_ATTRIBUTES);
        return process;
    }
}
