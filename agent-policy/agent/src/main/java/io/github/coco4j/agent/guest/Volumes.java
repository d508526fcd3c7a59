package io.github.coco4j.agent.guest;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.proto.kata.VolumeCondition;
import io.github.coco4j.proto.kata.VolumeStatsResponse;
import io.github.coco4j.proto.kata.VolumeUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** GetVolumeStats: the statfs of the file system a volume is on, in bytes and in inodes, as Kata reports it. */
final class Volumes {
    private Volumes() {
    }

    static VolumeStatsResponse stats(String volume) throws IOException, InterruptedException {
        Path path = Path.of(volume);
        if (!path.isAbsolute() || !Files.exists(path)) {
            throw new AgentException(AgentException.Kind.NOT_FOUND, "volume " + volume + " does not exist");
        }
        FileStore store = Files.getFileStore(path);
        // Kata counts the free blocks (not those available to unprivileged users) as available.
        long total = store.getTotalSpace();
        long free = store.getUnallocatedSpace();
        return VolumeStatsResponse.newBuilder()
                .addUsage(usage(VolumeUsage.Unit.BYTES, total, free))
                .addUsage(inodes(path))
                .setVolumeCondition(VolumeCondition.newBuilder().setAbnormal(false).setMessage("OK"))
                .build();
    }

    /** java.nio has no inode counts: statfs(2) through stat(1) has them ("%c %d": total and free file nodes). */
    private static VolumeUsage inodes(Path path) throws IOException, InterruptedException {
        String[] counts = new String(Commands.run(List.of("stat", "-f", "-c", "%c %d", "--", path.toString())),
                StandardCharsets.UTF_8).strip().split(" ");
        return usage(VolumeUsage.Unit.INODES, Long.parseLong(counts[0]), Long.parseLong(counts[1]));
    }

    private static VolumeUsage usage(VolumeUsage.Unit unit, long total, long available) {
        return VolumeUsage.newBuilder().setUnit(unit).setTotal(total).setAvailable(available).setUsed(total - available).build();
    }
}
