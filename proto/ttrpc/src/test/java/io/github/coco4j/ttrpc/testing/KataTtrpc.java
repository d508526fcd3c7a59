package io.github.coco4j.ttrpc.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * kata-ttrpc, the command-line client on containerd's Go ttrpc library (Debian's), and its test
 * server: the other end of this project's ttrpc in interop tests. Built once per machine and set
 * of .proto files into {@code ${java.io.tmpdir}/coco4j-kata-ttrpc/<hash>/} by
 * {@code ../shared/interop/ttrpc-client/build.sh}; a lock file keeps concurrent builds apart.
 *
 * <p>When the build fails the test fails, except outside CI ({@code CI=true}) on a machine where
 * Go cannot be installed (not root, no Debian packages): then the test is skipped, saying why.
 *
 * <pre>
 * KataTtrpc kata = KataTtrpc.build(protoDir);
 * KataTtrpc.Result r = kata.call("unix:///tmp/agent.sock", "grpc.Health.Check", "{}");
 * </pre>
 */
public final class KataTtrpc {
    /** How long one run of the client may take before it is killed. */
    private static final long RUN_TIMEOUT_SECONDS = 120;

    private final Path client;
    private final Path testServer;

    private KataTtrpc(Path bin) {
        this.client = bin.resolve("kata-ttrpc");
        this.testServer = bin.resolve("kata-ttrpc-testserver");
    }

    /** What one run of the client printed and returned (0 ok, 1 usage, 2 connection, 3 status). */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + ", stdout: " + stdout.strip() + ", stderr: " + stderr.strip();
        }
    }

    /**
     * The client (and test server) built from every .proto directly in {@code protoDir}, which
     * must hold an agent.proto (build.sh's rule) and be compilable alone by Debian's protoc.
     */
    public static synchronized KataTtrpc build(Path protoDir) {
        try {
            Path sources = sourceDir();
            Path cache = Path.of(System.getProperty("java.io.tmpdir"), "coco4j-kata-ttrpc", hash(protoDir, sources));
            Files.createDirectories(cache);
            Path bin = cache.resolve("bin");
            try (FileChannel lockFile = FileChannel.open(cache.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                if (!Files.isDirectory(bin)) { // complete once there: it is moved in whole
                    Path partial = cache.resolve("bin.partial");
                    Result built = run(List.of("bash", sources.resolve("build.sh").toString(), "--test-server",
                            protoDir.toAbsolutePath().toString(), partial.toString()), 900);
                    if (built.exitCode() != 0) {
                        buildFailed(built);
                    }
                    Files.move(partial, bin, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return new KataTtrpc(bin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Go sources: {@code coco4j.ttrpc.client.dir}, or the shared interop directory beside the checkout. */
    public static Path sourceDir() {
        String configured = System.getProperty("coco4j.ttrpc.client.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("coco4j.root", ".")).resolve("../shared/interop/ttrpc-client").normalize();
    }

    private static void buildFailed(Result built) {
        String message = "cannot build kata-ttrpc: " + built;
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(ci || !built.stderr().contains("missing Debian packages"),
                "Go ttrpc interop skipped, Go cannot be installed here: " + built.stderr().strip());
        throw new AssertionError(message);
    }

    /** Changes to the protos or to the Go sources make a new build. */
    private static String hash(Path protoDir, Path sources) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path dir : List.of(protoDir, sources, sources.resolve("testserver"))) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                        digest.update(Files.readAllBytes(file));
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path client() {
        return client;
    }

    /** {@code kata-ttrpc --addr ADDRESS [flags] call METHOD JSON}; flags such as "--timeout", "1s", "--md", "k=v". */
    public Result call(String address, String method, String json, String... flags) {
        return runClient(address, flags, "call", method, json);
    }

    /** {@code kata-ttrpc --addr ADDRESS [flags] replay FILE}: one result line per request line. */
    public Result replay(String address, Path jsonl, String... flags) {
        return runClient(address, flags, "replay", jsonl.toString());
    }

    /** The client started, not waited for: for a test that kills it mid-call. */
    public Process start(String address, String method, String json, String... flags) {
        try {
            return new ProcessBuilder(command(address, flags, "call", method, json)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result runClient(String address, String[] flags, String... command) {
        try {
            return run(command(address, flags, command), RUN_TIMEOUT_SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command(String address, String[] flags, String... command) {
        List<String> args = new ArrayList<>(List.of(client.toString(), "--addr", address));
        args.addAll(List.of(flags));
        args.addAll(List.of(command));
        return args;
    }

    /**
     * The Go test server on a unix socket and on TCP 127.0.0.1: Health.Check answers SERVING (for
     * service "slow" it waits for the deadline), AgentService.ExecProcess PermissionDenied with
     * the decoded request and metadata in its message.
     */
    public TestServer startTestServer(Path socket) {
        try {
            Process process = new ProcessBuilder(testServer.toString(), "-unix", socket.toString(), "-tcp", "127.0.0.1:0",
                    "-lifetime", "5m").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String tcp = out.readLine();
            if (tcp == null || !tcp.startsWith("tcp:")) {
                process.destroyForcibly();
                throw new IllegalStateException("kata-ttrpc-testserver did not start: " + tcp);
            }
            return new TestServer(process, "unix://" + socket.toAbsolutePath(), tcp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running Go test server; closing kills it (by its own process handle). */
    public record TestServer(Process process, String unixAddress, String tcpAddress) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Result run(List<String> command, long timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static CompletableFuture<String> drain(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
