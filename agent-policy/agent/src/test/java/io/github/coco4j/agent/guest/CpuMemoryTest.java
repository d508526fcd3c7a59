package io.github.coco4j.agent.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.agent.backend.AgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OnlineCPUMem and the memory details of GetGuestDetails against a sysfs tree in a temporary directory. */
class CpuMemoryTest {
    @TempDir
    Path sysfs;
    private Path cpus;
    private Path memory;

    @BeforeEach
    void tree() throws Exception {
        cpus = Files.createDirectories(sysfs.resolve("devices/system/cpu"));
        memory = Files.createDirectories(sysfs.resolve("devices/system/memory"));
        Files.writeString(cpus.resolve("online"), "0-1\n");
        for (int i = 0; i < 4; i++) {
            Files.writeString(Files.createDirectories(cpus.resolve("cpu" + i)).resolve("online"), i < 2 ? "1\n" : "0\n");
            Files.writeString(Files.createDirectories(memory.resolve("memory" + i)).resolve("online"), i == 3 ? "0\n" : "1\n");
        }
    }

    private String online(Path dir) throws Exception {
        return Files.readString(dir.resolve("online")).strip();
    }

    @Test
    void memoryBlocksAreAllBroughtOnlineAndCpusLeftWhenNoneAreAsked() throws Exception {
        new CpuMemory(sysfs).online(0, false);
        assertEquals("1", online(memory.resolve("memory3")));
        assertEquals("0", online(cpus.resolve("cpu2")));
    }

    @Test
    void cpuOnlyLeavesTheMemory() throws Exception {
        new CpuMemory(sysfs).online(2, true);
        assertEquals("0", online(memory.resolve("memory3")));
    }

    /** The kernel updates cpu/online; this tree does not, so the agent retries, then says how many it wanted. */
    @Test
    void missingCpusAreWrittenOnlineThenWaitedFor() throws Exception {
        CpuMemory cpuMemory = new CpuMemory(sysfs, Duration.ofMillis(1));
        AgentException e = assertThrows(AgentException.class, () -> cpuMemory.online(3, true));
        assertEquals("failed to online 3 CPU(s) after 100 retries", e.getMessage());
        assertEquals("1", online(cpus.resolve("cpu2")));
        assertEquals("1", online(cpus.resolve("cpu3")), "the second retry takes the next offline CPU");

        Files.writeString(cpus.resolve("online"), "0-2,3\n");
        cpuMemory.online(4, true);
        assertEquals(4, cpuMemory.onlineCpuCount());
    }

    @Test
    void theBlockSizeIsHexAndTheProbeIsAFile() throws Exception {
        CpuMemory cpuMemory = new CpuMemory(sysfs);
        assertEquals(0, cpuMemory.blockSize());
        assertFalse(cpuMemory.hotplugProbe());
        Files.writeString(memory.resolve("block_size_bytes"), "8000000\n");
        Files.writeString(memory.resolve("probe"), "");
        assertEquals(128L << 20, cpuMemory.blockSize());
        assertTrue(cpuMemory.hotplugProbe());
    }
}
