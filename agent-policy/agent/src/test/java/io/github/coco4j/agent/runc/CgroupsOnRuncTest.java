package io.github.coco4j.agent.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import io.github.coco4j.agent.testing.Runc;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.agent.cgroups.Cgroups;
import io.github.coco4j.proto.kata.CgroupStats;
import io.github.coco4j.proto.kata.Mount;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Root;
import io.github.coco4j.proto.kata.Spec;
import io.github.coco4j.testing.Workshop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StatsContainer and GetOOMEvent on a real runc container's cgroup v2 (as root). */
class CgroupsOnRuncTest {
    private static final String CONTAINER = "cgroups";

    @TempDir
    static Path dir;
    private static RuncBackend backend;
    private static Path cgroup;

    @BeforeAll
    static void container() throws Exception {
        Runc.assumeAvailable();
        backend = new RuncBackend("runc", dir.resolve("state"));
        Path rootfs = Workshop.hostUsrRootfs(dir.resolve("rootfs"));
        backend.createContainer(CONTAINER, CONTAINER, Spec.newBuilder().setVersion("1.0.2").setHostname(CONTAINER)
                .setRoot(Root.newBuilder().setPath(rootfs.toString()))
                .addMounts(Mount.newBuilder().setSource("/usr").setDestination("/usr").setType("bind").addOptions("ro"))
                .setProcess(Process.newBuilder().addArgs("sleep").addArgs("600").addEnv("PATH=/usr/bin:/bin"))
                .build());
        backend.startContainer(CONTAINER);
        long pid = Long.parseLong(Files.readString(dir.resolve("state/bundles").resolve(CONTAINER).resolve("init.pid")).strip());
        cgroup = Cgroups.ofProcess(pid);
    }

    @AfterAll
    static void remove() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void statsAreTheContainersCgroups() throws Exception {
        CgroupStats stats = backend.stats(CONTAINER);
        assertTrue(stats.getCpuStats().getCpuUsage().getTotalUsage() > 0, stats.toString());
        if (Files.exists(cgroup.resolve("pids.current"))) {
            assertTrue(stats.getPidsStats().getCurrent() >= 1, stats.toString());
        }
        if (Files.exists(cgroup.resolve("memory.current"))) {
            assertTrue(stats.getMemoryStats().getUsage().getUsage() > 0, stats.toString());
        }
    }

    /** The container's memory.max is set here (the agent does not apply the spec's resources), then a process outgrows it. */
    @Test
    void aContainerOutgrowingItsMemoryIsAnOomEvent() throws Exception {
        Assumptions.assumeTrue(Files.exists(cgroup.resolve("memory.max")),
                "the memory controller is not enabled in the container's cgroup v2 " + cgroup + " (a cgroup v1 or hybrid host)");
        Files.writeString(cgroup.resolve("memory.max"), Long.toString(32L << 20));
        CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
            try {
                return backend.awaitOomEvent();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        backend.exec(CONTAINER, "hog", Process.newBuilder().addArgs("sh").addArgs("-c")
                .addArgs("head -c 268435456 /dev/zero | tail").addEnv("PATH=/usr/bin:/bin").setCwd("/").build());
        assertEquals(CONTAINER, event.get(30, TimeUnit.SECONDS));
        assertTrue(backend.waitProcess(CONTAINER, "hog") != 0);
    }
}
