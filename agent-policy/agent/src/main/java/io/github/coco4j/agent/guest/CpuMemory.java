package io.github.coco4j.agent.guest;

import io.github.coco4j.agent.backend.AgentException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Hot-plugged CPUs and memory, brought online through sysfs as the Kata agent does: memory
 * blocks all at once, CPUs until the requested number is online, retried while the hypervisor
 * makes them appear (Kata waits up to 100 times 50 ms).
 */
public final class CpuMemory {
    private static final Logger LOG = Logger.getLogger(CpuMemory.class.getName());
    private static final Pattern CPU = Pattern.compile("cpu[0-9]+");
    private static final Pattern MEMORY = Pattern.compile("memory[0-9]+");
    private static final int RETRIES = 100;

    private final Path cpus;
    private final Path memory;
    private final Duration retryWait;

    /** {@code sysfs}: where sysfs is (/sys in the guest). */
    public CpuMemory(Path sysfs) {
        this(sysfs, Duration.ofMillis(50));
    }

    CpuMemory(Path sysfs, Duration retryWait) {
        this.cpus = sysfs.resolve("devices/system/cpu");
        this.memory = sysfs.resolve("devices/system/memory");
        this.retryWait = retryWait;
    }

    public void online(int cpuCount, boolean cpuOnly) throws IOException, InterruptedException {
        if (cpuCount > 0) {
            onlineCpus(cpuCount);
        }
        if (!cpuOnly) {
            online(memory, MEMORY, Integer.MAX_VALUE);
        }
    }

    private void onlineCpus(int wanted) throws IOException, InterruptedException {
        for (int i = 0; i < RETRIES; i++) {
            int online = onlineCpuCount();
            if (online >= wanted) {
                return;
            }
            online(cpus, CPU, wanted - online);
            if (onlineCpuCount() >= wanted) {
                LOG.info(() -> wanted + " CPU(s) online");
                return;
            }
            Thread.sleep(retryWait.toMillis());
        }
        throw new AgentException(AgentException.Kind.INTERNAL, "failed to online " + wanted + " CPU(s) after " + RETRIES + " retries");
    }

    /** Writes 1 to the online file of up to {@code count} offline entries matching the pattern. */
    private static void online(Path dir, Pattern entries, int count) throws IOException {
        int done = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, p -> entries.matcher(p.getFileName().toString()).matches())) {
            for (Path entry : stream) {
                if (done == count) {
                    return;
                }
                Path online = entry.resolve("online");
                if (Files.isRegularFile(online) && Files.readString(online).strip().equals("0")) {
                    Files.writeString(online, "1");
                    done++;
                }
            }
        }
    }

    /** The CPUs in the online list, e.g. "0-3,5". */
    int onlineCpuCount() throws IOException {
        int count = 0;
        for (String range : Files.readString(cpus.resolve("online")).strip().split(",")) {
            if (range.isEmpty()) {
                continue;
            }
            String[] bounds = range.split("-");
            count += bounds.length == 1 ? 1 : Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1;
        }
        return count;
    }

    /** The memory hotplug block size (sysfs gives it in hex); 0 when the guest has none. */
    public long blockSize() throws IOException {
        try {
            return Long.parseUnsignedLong(Files.readString(memory.resolve("block_size_bytes")).strip(), 16);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            throw new AgentException(AgentException.Kind.INTERNAL, "invalid memory block size: " + e.getMessage());
        }
    }

    public boolean hotplugProbe() {
        return Files.exists(memory.resolve("probe"));
    }
}
