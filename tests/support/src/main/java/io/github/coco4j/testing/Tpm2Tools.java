package io.github.coco4j.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
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

    /** Whether tpm2-tools' {@code tpm2_checkquote} is installed. */
    public static boolean hasCheckquote() {
        try {
            return new ProcessBuilder("tpm2_checkquote", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code tpm2_checkquote} on a quote the way a verifier holds it: the AK public key (DER
     * SubjectPublicKeyInfo, handed over as PEM), the TPMS_ATTEST message, the TPMT_SIGNATURE, the
     * sha256 values of PCRs 0–23 and the nonce as qualification. Throws
     * {@link IllegalStateException} when the quote does not check out.
     */
    public static void checkQuote(Path dir, byte[] akPublic, byte[] message, byte[] tpmtSignature, List<byte[]> pcrs,
                                  byte[] nonce) throws IOException, InterruptedException {
        Path pem = Files.writeString(dir.resolve("ak.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(akPublic) + "\n-----END PUBLIC KEY-----\n");
        Path msg = Files.write(dir.resolve("quote.msg"), message);
        Path sig = Files.write(dir.resolve("quote.sig"), tpmtSignature);
        Path pcrFile = Files.write(dir.resolve("quote.pcrs"), serializedSha256Pcrs(pcrs));
        run(List.of("tpm2_checkquote", "-u", pem.toString(), "-m", msg.toString(), "-s", sig.toString(),
                "-f", pcrFile.toString(), "-g", "sha256", "-q", HexFormat.of().formatHex(nonce)));
    }

    /**
     * PCR values in the file form {@code tpm2_quote -o} writes, selection included. (tpm2-tools 5.4
     * cannot use bare values with {@code -l} for 24 PCRs: "Failed to hash PCR values related to
     * quote".) The form is tpm2-tools' in-memory structs in host byte order, little-endian here:
     * TPML_PCR_SELECTION (count, 16 slots of hash, sizeofSelect, pcrSelect[4], one padding byte),
     * the number of TPML_DIGESTs, then TPML_DIGESTs of at most 8 TPM2B_DIGESTs (size, buffer[64]).
     */
    static byte[] serializedSha256Pcrs(List<byte[]> pcrs) {
        int lists = (pcrs.size() + 7) / 8;
        ByteBuffer out = ByteBuffer.allocate(4 + 16 * 8 + 4 + lists * (4 + 8 * 66)).order(ByteOrder.LITTLE_ENDIAN);
        int bitmap = (1 << pcrs.size()) - 1;
        out.putInt(1).putShort((short) 0x000b).put((byte) 3)
                .put((byte) bitmap).put((byte) (bitmap >> 8)).put((byte) (bitmap >> 16)).put((byte) 0).put((byte) 0);
        out.position(4 + 16 * 8);
        out.putInt(lists);
        for (int list = 0; list < lists; list++) {
            int start = out.position();
            List<byte[]> chunk = pcrs.subList(list * 8, Math.min(pcrs.size(), list * 8 + 8));
            out.putInt(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                out.position(start + 4 + i * 66);
                out.putShort((short) chunk.get(i).length).put(chunk.get(i));
            }
            out.position(start + 4 + 8 * 66);
        }
        return out.array();
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
