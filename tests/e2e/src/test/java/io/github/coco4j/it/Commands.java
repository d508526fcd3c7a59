package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.testing.ManagedProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Short-lived commands (the dist launchers, curl) run to completion in one directory. */
final class Commands {
    record Result(int status, String out, String err) {
    }

    private final Path dir;

    Commands(Path dir) {
        this.dir = dir;
    }

    Result command(List<String> command) throws Exception {
        ManagedProcess process = ManagedProcess.start(dir, command, Map.of());
        int status = process.waitFor(Duration.ofSeconds(60));
        return new Result(status, process.stdout(), process.stderr());
    }

    /** A launcher of dist/bin (or curl) that must succeed; its standard output. */
    String run(String launcher, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(launcher.equals("curl") ? "curl" : Dist.launcher(launcher)));
        line.addAll(List.of(args));
        Result r = command(line);
        assertEquals(0, r.status(), launcher + " failed: " + r.err());
        return r.out();
    }

    /** Boots initdata as the peer-pod VM does: delivered in user-data, provisioned, measured into {@code tpm}'s PCR8. */
    Path provision(Path toml, String tpm, String out) throws Exception {
        String annotation = run("initdata", "encode", toml.toString()).strip();
        Path userData = java.nio.file.Files.writeString(dir.resolve(out + "-user-data"),
                "#cloud-config\nwrite_files:\n- path: /run/peerpod/initdata\n  content: " + annotation + "\n");
        Path peerpod = dir.resolve(out);
        run("initdata", "provision", "--source", "file:" + userData, "--out", peerpod.toString(), "--tpm", tpm);
        return peerpod;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
