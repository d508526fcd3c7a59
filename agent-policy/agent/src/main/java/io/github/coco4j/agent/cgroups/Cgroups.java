package io.github.coco4j.agent.cgroups;

import io.github.coco4j.agent.backend.AgentException;
import java.io.IOException;
import java.nio.file.Path;

/** Where a process's cgroup v2 directory is: its "0::" line in /proc/PID/cgroup, under the cgroup2 mount. */
public final class Cgroups {
    private Cgroups() {
    }

    public static Path ofProcess(long pid) throws IOException {
        Path mount = cgroup2Mount(Path.of("/proc/self/mountinfo"));
        for (String line : CgroupFiles.lines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            if (line.startsWith("0::/")) {
                return mount.resolve(line.substring("0::/".length()));
            }
        }
        throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "process " + pid + " is in no cgroup v2");
    }

    /** The mount point of the cgroup2 file system, from mountinfo ("... MOUNTPOINT ... - cgroup2 ..."). */
    static Path cgroup2Mount(Path mountinfo) throws IOException {
        for (String line : CgroupFiles.lines(mountinfo)) {
            String[] fields = line.split(" ");
            int separator = java.util.Arrays.asList(fields).indexOf("-");
            if (separator > 4 && separator + 1 < fields.length && fields[separator + 1].equals("cgroup2")) {
                return Path.of(fields[4]);
            }
        }
        throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "the guest has no cgroup v2 file system");
    }
}
