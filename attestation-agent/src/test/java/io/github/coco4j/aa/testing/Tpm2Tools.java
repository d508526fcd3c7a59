package io.github.coco4j.aa.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** tpm2-tools run against a swtpm, for cross-checking what the project's TPM code did. */
public final class Tpm2Tools {
    private static final Pattern PCR_LINE = Pattern.compile("^\\s*(\\d+)\\s*:\\s*0x([0-9A-Fa-f]{64})\\s*$", Pattern.MULTILINE);

    private Tpm2Tools() {
    }

    /** The sha256 value of one PCR as {@code tpm2_pcrread} reports it, lower-case hex. */
    public static String pcrRead(Swtpm tpm, int index) throws IOException, InterruptedException {
        String output = run(List.of("tpm2_pcrread", "-T", tpm.tcti(), "sha256:" + index));
        Matcher m = PCR_LINE.matcher(output);
        if (!m.find() || Integer.parseInt(m.group(1)) != index) {
            throw new IllegalStateException("unexpected tpm2_pcrread output: " + output);
        }
        return m.group(2).toLowerCase();
    }

    /** Runs a tpm2-tools command and returns its stdout; a non-zero exit is an error with its stderr. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " timed out");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
