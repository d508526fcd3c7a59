package io.github.coco4j.agent.cgroups;

import io.github.coco4j.proto.kata.BlkioStats;
import io.github.coco4j.proto.kata.BlkioStatsEntry;
import io.github.coco4j.proto.kata.CgroupStats;
import io.github.coco4j.proto.kata.CpuStats;
import io.github.coco4j.proto.kata.CpuUsage;
import io.github.coco4j.proto.kata.MemoryData;
import io.github.coco4j.proto.kata.MemoryStats;
import io.github.coco4j.proto.kata.PidsStats;
import io.github.coco4j.proto.kata.ThrottlingData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A cgroup v2 directory's statistics in Kata's CgroupStats shape (the cgroup v1 names it was made
 * for): CPU times in nanoseconds from cpu.stat, memory from memory.current/max/peak/stat/events
 * and memory.swap.*, pids from pids.current/max, I/O bytes and operations from io.stat.
 */
public final class CgroupStatsReader {
    private static final long NANOS_PER_MICRO = 1000;

    private CgroupStatsReader() {
    }

    public static CgroupStats read(Path cgroup) throws IOException {
        return CgroupStats.newBuilder()
                .setCpuStats(cpu(cgroup))
                .setMemoryStats(memory(cgroup))
                .setPidsStats(PidsStats.newBuilder()
                        .setCurrent(CgroupFiles.value(cgroup.resolve("pids.current")))
                        .setLimit(CgroupFiles.value(cgroup.resolve("pids.max"))))
                .setBlkioStats(io(cgroup))
                .build();
    }

    private static CpuStats cpu(Path cgroup) throws IOException {
        Map<String, Long> stat = CgroupFiles.flat(cgroup.resolve("cpu.stat"));
        return CpuStats.newBuilder()
                .setCpuUsage(CpuUsage.newBuilder()
                        .setTotalUsage(nanos(stat, "usage_usec"))
                        .setUsageInUsermode(nanos(stat, "user_usec"))
                        .setUsageInKernelmode(nanos(stat, "system_usec")))
                .setThrottlingData(ThrottlingData.newBuilder()
                        .setPeriods(stat.getOrDefault("nr_periods", 0L))
                        .setThrottledPeriods(stat.getOrDefault("nr_throttled", 0L))
                        .setThrottledTime(nanos(stat, "throttled_usec")))
                .build();
    }

    private static long nanos(Map<String, Long> stat, String micros) {
        return stat.getOrDefault(micros, 0L) * NANOS_PER_MICRO;
    }

    /** v2 has no cache counter: the page cache is memory.stat's "file"; failcnt counts hits of memory.max. */
    private static MemoryStats memory(Path cgroup) throws IOException {
        Map<String, Long> stat = CgroupFiles.flat(cgroup.resolve("memory.stat"));
        return MemoryStats.newBuilder()
                .setCache(stat.getOrDefault("file", 0L))
                .setUsage(MemoryData.newBuilder()
                        .setUsage(CgroupFiles.value(cgroup.resolve("memory.current")))
                        .setMaxUsage(CgroupFiles.value(cgroup.resolve("memory.peak")))
                        .setLimit(CgroupFiles.value(cgroup.resolve("memory.max")))
                        .setFailcnt(CgroupFiles.flat(cgroup.resolve("memory.events")).getOrDefault("max", 0L)))
                .setSwapUsage(MemoryData.newBuilder()
                        .setUsage(CgroupFiles.value(cgroup.resolve("memory.swap.current")))
                        .setLimit(CgroupFiles.value(cgroup.resolve("memory.swap.max"))))
                .setUseHierarchy(true)
                .putAllStats(stat)
                .build();
    }

    /** io.stat lines: "MAJOR:MINOR rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N". */
    private static BlkioStats io(Path cgroup) throws IOException {
        BlkioStats.Builder io = BlkioStats.newBuilder();
        for (String line : CgroupFiles.lines(cgroup.resolve("io.stat"))) {
            String[] fields = line.strip().split(" ");
            String[] device = fields[0].split(":");
            if (device.length != 2) {
                continue;
            }
            long major = Long.parseLong(device[0]);
            long minor = Long.parseLong(device[1]);
            for (int i = 1; i < fields.length; i++) {
                String[] kv = fields[i].split("=");
                if (kv.length != 2) {
                    continue;
                }
                BlkioStatsEntry.Builder entry = BlkioStatsEntry.newBuilder().setMajor(major).setMinor(minor)
                        .setValue(Long.parseUnsignedLong(kv[1]));
                switch (kv[0]) {
                    case "rbytes" -> io.addIoServiceBytesRecursive(entry.setOp("Read"));
                    case "wbytes" -> io.addIoServiceBytesRecursive(entry.setOp("Write"));
                    case "rios" -> io.addIoServicedRecursive(entry.setOp("Read"));
                    case "wios" -> io.addIoServicedRecursive(entry.setOp("Write"));
                    default -> { }
                }
            }
        }
        return io.build();
    }
}
