package io.github.coco4j.agent.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.proto.kata.BlkioStatsEntry;
import io.github.coco4j.proto.kata.CgroupStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StatsContainer's parsing, from cgroup v2 files as the kernel writes them. */
class CgroupStatsReaderTest {
    @TempDir
    Path cgroup;

    private void write(String file, String text) throws Exception {
        Files.writeString(cgroup.resolve(file), text);
    }

    @Test
    void theV2FilesBecomeKatasShape() throws Exception {
        write("cpu.stat", """
                usage_usec 2500
                user_usec 2000
                system_usec 500
                core_sched.force_idle_usec 0
                nr_periods 10
                nr_throttled 3
                throttled_usec 700
                nr_bursts 0
                burst_usec 0
                """);
        write("memory.current", "1048576\n");
        write("memory.max", "max\n");
        write("memory.peak", "2097152\n");
        write("memory.events", "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\noom_group_kill 0\n");
        write("memory.stat", "anon 524288\nfile 262144\nkernel 8192\n");
        write("memory.swap.current", "0\n");
        write("pids.current", "3\n");
        write("pids.max", "100\n");
        write("io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");

        CgroupStats stats = CgroupStatsReader.read(cgroup);
        assertEquals(2_500_000, stats.getCpuStats().getCpuUsage().getTotalUsage());
        assertEquals(2_000_000, stats.getCpuStats().getCpuUsage().getUsageInUsermode());
        assertEquals(500_000, stats.getCpuStats().getCpuUsage().getUsageInKernelmode());
        assertEquals(10, stats.getCpuStats().getThrottlingData().getPeriods());
        assertEquals(3, stats.getCpuStats().getThrottlingData().getThrottledPeriods());
        assertEquals(700_000, stats.getCpuStats().getThrottlingData().getThrottledTime());
        assertEquals(1048576, stats.getMemoryStats().getUsage().getUsage());
        assertEquals(2097152, stats.getMemoryStats().getUsage().getMaxUsage());
        assertEquals(-1L, stats.getMemoryStats().getUsage().getLimit(), "max: the largest unsigned value");
        assertEquals(4, stats.getMemoryStats().getUsage().getFailcnt());
        assertEquals(262144, stats.getMemoryStats().getCache());
        assertEquals(524288L, stats.getMemoryStats().getStatsMap().get("anon"));
        assertEquals(3, stats.getPidsStats().getCurrent());
        assertEquals(100, stats.getPidsStats().getLimit());
        assertEquals(List.of(entry("Read", 4096), entry("Write", 8192)), stats.getBlkioStats().getIoServiceBytesRecursiveList());
        assertEquals(List.of(entry("Read", 1), entry("Write", 2)), stats.getBlkioStats().getIoServicedRecursiveList());
    }

    private static BlkioStatsEntry entry(String op, long value) {
        return BlkioStatsEntry.newBuilder().setMajor(8).setMinor(0).setOp(op).setValue(value).build();
    }

    @Test
    void controllersNotEnabledLeaveTheirFieldsAtZero() throws Exception {
        write("cpu.stat", "usage_usec 1\nuser_usec 1\nsystem_usec 0\n");
        CgroupStats stats = CgroupStatsReader.read(cgroup);
        assertEquals(1000, stats.getCpuStats().getCpuUsage().getTotalUsage());
        assertEquals(0, stats.getMemoryStats().getUsage().getUsage());
        assertEquals(0, stats.getPidsStats().getCurrent());
    }

    @Test
    void theCgroup2MountIsFoundInMountinfo() throws Exception {
        Path mountinfo = cgroup.resolve("mountinfo");
        Files.writeString(mountinfo, """
                25 30 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
                35 25 0:30 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
                """);
        assertEquals(Path.of("/sys/fs/cgroup/unified"), Cgroups.cgroup2Mount(mountinfo));
    }
}
