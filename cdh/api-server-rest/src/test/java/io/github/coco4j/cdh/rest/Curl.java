package io.github.coco4j.cdh.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The curl command as a workload would run it; bodies are kept as bytes. */
final class Curl {
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Curl() {
    }

    /** One request; {@code --path-as-is} so that curl sends dot segments instead of resolving them. */
    static Answer get(Path dir, String url, String... options) throws IOException, InterruptedException {
        Path body = Files.createTempFile(dir, "body-", ".bin");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--path-as-is", "--max-time", "30",
                "-o", body.toString(), "-w", "%{http_code}"));
        command.addAll(List.of(options));
        command.add(url);
        String out = run(command);
        return new Answer(Integer.parseInt(out.trim()), Files.readAllBytes(body));
    }

    /** Runs curl and returns its standard output; fails with its error output if it fails. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("curl did not finish: " + command);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("curl failed (" + process.exitValue() + "): " + err + " " + command);
        }
        return out;
    }
}
