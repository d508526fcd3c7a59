package io.github.coco4j.aa.attester.tpm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.TeeType;
import io.github.coco4j.tpm.Quote;
import io.github.coco4j.tpm.TpmAccessException;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Upstream's {@code tpm} attester: a quote of the sha256 bank, PCRs 0–23, by the attestation key
 * persisted at 0x81010002 (created on first use), with the report data (resized to 32 bytes) as
 * the nonce: {@code {"tpm_quote":{"signature","message","pcrs"},"ak_public"}}. The initdata is
 * bound by PCR8, which the boot provisioner extended with its digest.
 */
public final class TpmAttester implements Attester {
    public static final int AK_HANDLE = 0x81010002;
    /** Upstream's variable naming the TPM; here also tcp:HOST:PORT for swtpm. */
    public static final String DEVICE_ENV = "AA_TPM_DEVICE";
    private static final int NONCE_SIZE = 32;

    private final TpmAddress address;

    public TpmAttester(TpmAddress address) {
        this.address = address;
    }

    @Override
    public TeeType tee() {
        return TeeType.TPM;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws AttestationException {
        Quote quote;
        try (TpmService tpm = TpmService.open(address)) {
            quote = tpm.quote(AK_HANDLE, Arrays.copyOf(reportData, NONCE_SIZE), TpmService.ALL_PCRS);
        } catch (TpmAccessException e) {
            throw new AttestationException("tpm quote failed: " + e.getMessage(), e);
        }
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        ObjectNode tpmQuote = evidence.putObject("tpm_quote");
        tpmQuote.put("signature", Base64.getEncoder().encodeToString(quote.signature()));
        tpmQuote.put("message", Base64.getEncoder().encodeToString(quote.attest()));
        ArrayNode pcrs = tpmQuote.putArray("pcrs");
        quote.pcrs().forEach(pcr -> pcrs.add(HexFormat.of().formatHex(pcr)));
        evidence.put("ak_public", Base64.getEncoder().encodeToString(quote.akPublic()));
        return evidence;
    }

    /** PCR8 must be exactly one extend of the initdata digest from zero. */
    @Override
    public boolean verifyInitDataBinding(byte[] initDataDigest) throws AttestationException {
        return Pcr8Binding.verify(address, initDataDigest, tee());
    }
}
