package io.github.coco4j.it;

import io.github.coco4j.testing.Swtpm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.testing.ManagedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * TPM evidence in upstream's shape made with tpm2-tools on swtpm, as an independent producer for
 * the KBS's TPM verification: an AK under the EK, persisted at 0x81010002; quotes over SHA-256
 * PCRs 0–23 with the report data resized to 32 bytes as the nonce.
 */
final class Tpm2ToolsAttester implements Attester {
    static final String AK_HANDLE = "0x81010002";
    private static final String PCRS = "sha256:" + IntStream.range(0, 24).mapToObj(Integer::toString)
            .collect(Collectors.joining(","));

    private final Path dir;
    private final String tcti;
    private final UnaryOperator<byte[]> nonce;

    private Tpm2ToolsAttester(Path dir, String tcti, UnaryOperator<byte[]> nonce) {
        this.dir = dir;
        this.tcti = tcti;
        this.nonce = nonce;
    }

    /** Provisions the AK on the TPM. {@code nonce} turns the 32-byte nonce into what is really quoted. */
    static Tpm2ToolsAttester provision(Path dir, Swtpm tpm, UnaryOperator<byte[]> nonce) throws Exception {
        Tpm2ToolsAttester attester = new Tpm2ToolsAttester(dir, tpm.tcti(), nonce);
        attester.tool("tpm2_createek", "-c", "ek.ctx", "-G", "rsa", "-u", "ek.pub");
        attester.tool("tpm2_flushcontext", "-t");
        attester.tool("tpm2_createak", "-C", "ek.ctx", "-c", "ak.ctx", "-G", "rsa", "-g", "sha256", "-s", "rsassa",
                "-u", "ak.der", "-f", "der", "-n", "ak.name");
        attester.tool("tpm2_flushcontext", "-t");
        attester.tool("tpm2_flushcontext", "-s");
        attester.tool("tpm2_evictcontrol", "-C", "o", "-c", "ak.ctx", AK_HANDLE);
        attester.tool("tpm2_flushcontext", "-t");
        return attester;
    }

    void extendPcr(int pcr, byte[] sha256) throws Exception {
        tool("tpm2_pcrextend", pcr + ":sha256=" + HexFormat.of().formatHex(sha256));
    }

    @Override
    public TeeType tee() {
        return TeeType.TPM;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws AttestationException {
        try {
            byte[] quoted = nonce.apply(Arrays.copyOf(reportData, 32));
            tool("tpm2_quote", "-c", AK_HANDLE, "-l", PCRS, "-q", HexFormat.of().formatHex(quoted), "-m", "msg.bin",
                    "-s", "sig.bin", "-g", "sha256");
            tool("tpm2_pcrread", PCRS, "-o", "pcrs.bin");
            byte[] pcrs = Files.readAllBytes(dir.resolve("pcrs.bin"));
            ObjectNode evidence = JsonNodeFactory.instance.objectNode();
            ObjectNode quote = evidence.putObject("tpm_quote");
            quote.put("signature", Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("sig.bin"))));
            quote.put("message", Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("msg.bin"))));
            ArrayNode values = quote.putArray("pcrs");
            for (int i = 0; i < 24; i++) {
                values.add(HexFormat.of().formatHex(pcrs, i * 32, i * 32 + 32));
            }
            evidence.put("ak_public", Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("ak.der"))));
            return evidence;
        } catch (Exception e) {
            throw new AttestationException("tpm2-tools quote failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verifyInitDataBinding(byte[] digest) {
        return false;
    }

    private void tool(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(command));
        ManagedProcess process = ManagedProcess.start(dir, line, Map.of("TPM2TOOLS_TCTI", tcti));
        int status = process.waitFor(Duration.ofSeconds(30));
        if (status != 0) {
            throw new IllegalStateException(command[0] + " failed (" + status + "): " + process.stderr());
        }
    }
}
