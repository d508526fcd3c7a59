package io.github.coco4j.agent.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import io.github.coco4j.agent.testing.Runc;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.Workshop;
import io.github.coco4j.proto.kata.Linux;
import io.github.coco4j.proto.kata.LinuxNamespace;
import io.github.coco4j.proto.kata.Mount;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Root;
import io.github.coco4j.proto.kata.Spec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers join the pod's network namespace (a fresh one made with {@code ip netns add}, with
 * only a loopback that is down), or the one their spec names, with real runc.
 */
class PodNetworkNamespaceTest {
    private static final String NETNS = "coco4j-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Path NETNS_PATH = Path.of("/run/netns", NETNS);

    @TempDir
    static Path dir;
    private static RuncBackend backend;
    private static Path rootfs;

    @BeforeAll
    static void podNamespace() throws Exception {
        Runc.assumeAvailable();
        assertEquals(0, new ProcessBuilder("ip", "netns", "add", NETNS).inheritIO().start().waitFor());
        backend = new RuncBackend("runc", dir.resolve("state"), NETNS_PATH);
        rootfs = Workshop.hostUsrRootfs(dir.resolve("rootfs"));
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (backend != null) {
            backend.close();
            new ProcessBuilder("ip", "netns", "del", NETNS).inheritIO().start().waitFor();
        }
    }

    @Test
    void aContainerAskingForANetworkNamespaceGetsThePods() throws Exception {
        String interfaces = interfacesSeenBy("pod", Linux.newBuilder()
                .addNamespaces(LinuxNamespace.newBuilder().setType("network")).build());
        assertEquals(List.of("lo"), names(interfaces), interfaces);
    }

    @Test
    void aNamespaceTheSpecNamesWins() throws Exception {
        String interfaces = interfacesSeenBy("named", Linux.newBuilder()
                .addNamespaces(LinuxNamespace.newBuilder().setType("network").setPath("/proc/" + ProcessHandle.current().pid() + "/ns/net")).build());
        assertTrue(names(interfaces).size() > 1, "the test's own namespace has more than a loopback: " + interfaces);
    }

    private static String interfacesSeenBy(String id, Linux linux) throws Exception {
        Spec spec = Spec.newBuilder().setVersion("1.0.2").setHostname(id).setLinux(linux)
                .setRoot(Root.newBuilder().setPath(rootfs.toString()))
                .addMounts(Mount.newBuilder().setSource("/usr").setDestination("/usr").setType("bind").addOptions("ro"))
                .setProcess(Process.newBuilder().addArgs("sleep").addArgs("600").addEnv("PATH=/usr/bin:/bin"))
                .build();
        backend.createContainer(id, id, spec);
        try {
            backend.startContainer(id);
            backend.exec(id, "netdev", Process.newBuilder().addArgs("cat").addArgs("/proc/net/dev")
                    .addEnv("PATH=/usr/bin:/bin").setCwd("/").build());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] chunk = backend.read(id, "netdev", false, 4096); chunk.length > 0;
                    chunk = backend.read(id, "netdev", false, 4096)) {
                out.write(chunk);
            }
            assertEquals(0, backend.waitProcess(id, "netdev"));
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            backend.removeContainer(id);
        }
    }

    /** The interface names of a /proc/net/dev table (two header lines, then "name: counters"). */
    private static List<String> names(String netDev) {
        return netDev.lines().skip(2).map(line -> line.substring(0, line.indexOf(':')).strip()).toList();
    }
}
