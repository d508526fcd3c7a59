package io.github.coco4j.it;

import io.github.coco4j.testing.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@code kbs} launcher running on a free loopback port. */
final class KbsProcess implements AutoCloseable {
    private static final String LISTENING = "kbs: listening on ";
    private final ManagedProcess process;
    private final URI url;

    private KbsProcess(ManagedProcess process, URI url) {
        this.process = process;
        this.url = url;
    }

    /**
     * A kbs-config.toml in {@code dir}: plain HTTP on a free loopback port and the LocalFs resource
     * plugin over {@code dir/repository}, then {@code extra} (more sections, e.g. a policy).
     */
    static Path config(Path dir, String extra) throws java.io.IOException {
        return config(dir, 0, extra);
    }

    /** The same on a given port, for a KBS that is restarted at the same address. */
    static Path config(Path dir, int port, String extra) throws java.io.IOException {
        return java.nio.file.Files.writeString(dir.resolve("kbs-config.toml"), """
                [http_server]
                sockets = ["127.0.0.1:%d"]
                insecure_http = true

                [[plugins]]
                name = "resource"
                type = "LocalFs"
                dir_path = "repository"
                """.formatted(port) + extra);
    }

    /** Copies a resource tree ({@code <repository>/<type>/<tag>} files) to {@code dir/repository}, which the config serves. */
    static void copyRepository(Path from, Path dir) throws java.io.IOException {
        Path to = dir.resolve("repository");
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(from)) {
            for (Path path : paths.toList()) {
                java.nio.file.Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    static KbsProcess start(Path dir, Path config, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Dist.launcher("kbs"), "--config", config.toString()));
        command.addAll(List.of(options));
        ManagedProcess process = ManagedProcess.start(dir, command, Map.of());
        try {
            process.awaitReady(() -> stdout(process).contains(LISTENING), Duration.ofSeconds(30));
        } catch (RuntimeException | IOException | InterruptedException e) {
            process.close();
            throw e;
        }
        String line = stdout(process).lines().filter(l -> l.startsWith(LISTENING)).findFirst().orElseThrow();
        return new KbsProcess(process, URI.create(line.substring(LISTENING.length()).strip()));
    }

    private static String stdout(ManagedProcess process) {
        try {
            return process.stdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return url;
    }

    String log() throws IOException {
        return process.stderr();
    }

    @Override
    public void close() {
        process.close();
    }
}
