package io.github.coco4j.agent.guest;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.proto.kata.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * UpdateEphemeralMounts as in Kata: an ephemeral (tmpfs) storage is mounted again with its new
 * options (the fsgid= option, already applied, left out); one without options only gets its
 * mount point; any other driver is refused.
 */
final class EphemeralMounts {
    private static final Logger LOG = Logger.getLogger(EphemeralMounts.class.getName());
    private static final String EPHEMERAL = "ephemeral";
    private static final String FS_GID = "fsgid=";

    private EphemeralMounts() {
    }

    static void update(List<Storage> storages) throws IOException, InterruptedException {
        for (Storage storage : storages) {
            if (!EPHEMERAL.equals(storage.getDriver())) {
                throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, "Unsupported storage type for syncing mounts "
                        + storage.getDriver() + ". Only ephemeral storage update is supported");
            }
            Path mountPoint = Path.of(storage.getMountPoint());
            if (!mountPoint.isAbsolute()) {
                throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, "mount point '" + mountPoint + "' is not absolute");
            }
            Files.createDirectories(mountPoint);
            List<String> options = storage.getOptionsList().stream().filter(o -> !o.startsWith(FS_GID)).toList();
            if (storage.getOptionsList().isEmpty()) {
                continue;
            }
            List<String> mount = new ArrayList<>(List.of("mount", "-t", storage.getFstype()));
            if (!options.isEmpty()) {
                mount.addAll(List.of("-o", String.join(",", options)));
            }
            mount.addAll(List.of("--", storage.getSource(), mountPoint.toString()));
            LOG.info(() -> "mounting ephemeral storage " + String.join(" ", mount));
            Commands.run(mount);
        }
    }
}
