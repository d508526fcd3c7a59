package io.github.coco4j.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A swtpm TPM 2.0 on loopback TCP (data port and control port), state in a test directory. */
public final class Swtpm implements AutoCloseable {
    private final ManagedProcess process;
    private final int port;

    private Swtpm(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Swtpm start(Path dir) throws Exception {
        Path state = Files.createDirectories(dir.resolve("swtpm-state"));
        for (int attempt = 0; attempt < 10; attempt++) {
            int port = freePortPair();
            ManagedProcess process = ManagedProcess.start(dir, List.of("swtpm", "socket", "--tpm2",
                    "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                    "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1",
                    "--flags", "not-need-init,startup-clear", "--tpmstate", "dir=" + state), Map.of());
            try {
                process.awaitReady(() -> accepts(port), Duration.ofSeconds(10));
                return new Swtpm(process, port);
            } catch (IllegalStateException lostTheRace) {
                process.close();
            }
        }
        throw new IllegalStateException("swtpm did not start on any free port pair");
    }

    /** The tpm2-tools TCTI for this TPM. */
    public String tcti() {
        return "swtpm:host=127.0.0.1,port=" + port;
    }

    public int port() {
        return port;
    }

    /** The address the project's TPM clients take ({@code --tpm tcp:HOST:PORT}). */
    public String address() {
        return "tcp:127.0.0.1:" + port;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port whose successor is free too (swtpm's control port). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket second = new ServerSocket(port + 1)) {
                        return port;
                    } catch (IOException taken) {
                        // try another pair
                    }
                }
            }
        }
        throw new IOException("no two consecutive free ports");
    }

    @Override
    public void close() {
        process.close();
    }
}
