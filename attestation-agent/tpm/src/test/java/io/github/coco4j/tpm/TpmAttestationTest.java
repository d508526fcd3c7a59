package io.github.coco4j.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.aa.evidence.TpmsAttest;
import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import io.github.coco4j.digest.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attestation key, quotes and NV storage on a real swtpm, checked with tpm2-tools. */
class TpmAttestationTest {
    private static final int AK = 0x81010002;
    private static final List<Integer> ALL_PCRS = IntStream.range(0, 24).boxed().toList();

    @TempDir
    Path dir;
    Swtpm swtpm;

    @BeforeEach
    void start() throws Exception {
        swtpm = Swtpm.start(dir);
    }

    @AfterEach
    void stop() {
        swtpm.close();
    }

    private TpmService tpm() {
        return TpmService.open(TpmAddress.parse(swtpm.address()));
    }

    @Test
    void theAttestationKeyIsCreatedOncePersistedAndRsa2048WithExponent65537() throws Exception {
        byte[] first;
        byte[] second;
        try (TpmService tpm = tpm()) {
            first = tpm.attestationKey(AK);
            second = tpm.attestationKey(AK);
        }
        assertArrayEquals(first, second, "the persisted key is reused");
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(first));
        assertEquals(2048, key.getModulus().bitLength());
        assertEquals(65537, key.getPublicExponent().intValue());
        assertTrue(Tpm2Tools.run(List.of("tpm2_getcap", "-T", swtpm.tcti(), "handles-persistent")).contains("0x81010002"));
        assertTrue(Tpm2Tools.run(List.of("tpm2_getcap", "-T", swtpm.tcti(), "handles-transient")).isBlank(),
                "no transient object is left behind");
    }

    @Test
    void aQuoteVerifiesWithTpm2CheckquoteAndBindsNonceAndPcrs() throws Exception {
        byte[] nonce = new byte[32];
        new Random(7).nextBytes(nonce);
        Quote quote;
        try (TpmService tpm = tpm()) {
            tpm.extendPcr(8, HashAlgorithm.SHA256.digest("initdata".getBytes()));
            quote = tpm.quote(AK, nonce, ALL_PCRS);
        }
        Path msg = Files.write(dir.resolve("msg"), quote.attest());
        Path sig = Files.write(dir.resolve("sig"), quote.signature());
        Path pem = Files.writeString(dir.resolve("ak.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(quote.akPublic()) + "\n-----END PUBLIC KEY-----\n");
        Tpm2Tools.run(List.of("tpm2_checkquote", "-u", pem.toString(), "-m", msg.toString(), "-s", sig.toString(),
                "-g", "sha256", "-q", HexFormat.of().formatHex(nonce)));

        TpmsAttest attest = TpmsAttest.parse(quote.attest());
        assertArrayEquals(nonce, attest.extraData());
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        quote.pcrs().forEach(concatenated::writeBytes);
        assertArrayEquals(HashAlgorithm.SHA256.digest(concatenated.toByteArray()), attest.pcrDigest());
        assertEquals(24, quote.pcrs().size());
        assertEquals(Tpm2Tools.pcrRead(swtpm, 8), HexFormat.of().formatHex(quote.pcrs().get(8)));

        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= 1;
        assertThrows(IllegalStateException.class, () -> Tpm2Tools.run(List.of("tpm2_checkquote", "-u", pem.toString(),
                "-m", msg.toString(), "-s", sig.toString(), "-g", "sha256", "-q", HexFormat.of().formatHex(otherNonce))));
    }

    @Test
    void aProvisionedKeyQuoteNeverCreatesTheKey() throws Exception {
        try (TpmService tpm = tpm()) {
            TpmAccessException e = assertThrows(TpmAccessException.class,
                    () -> tpm.quoteWithProvisionedKey(0x81000003, new byte[32], ALL_PCRS));
            assertTrue(e.getMessage().contains("0x81000003"), e.getMessage());
            byte[] ak = tpm.attestationKey(0x81000003);
            assertArrayEquals(ak, tpm.quoteWithProvisionedKey(0x81000003, new byte[32], ALL_PCRS).akPublic());
        }
    }

    @Test
    void nvIndicesAreDefinedWrittenAndReadInChunks() throws Exception {
        byte[] report = new byte[2048];
        new Random(3).nextBytes(report);
        try (TpmService tpm = tpm()) {
            tpm.writeNv(0x01400001, report);
            tpm.writeNv(0x01400002, new byte[64]);
            assertArrayEquals(report, tpm.readNv(0x01400001));
            byte[] update = new byte[64];
            update[63] = 9;
            tpm.writeNv(0x01400002, update);
            assertArrayEquals(update, tpm.readNv(0x01400002));
            assertTrue(assertThrows(TpmAccessException.class, () -> tpm.readNv(0x01400003)).getMessage().contains("0x01400003"));
            assertTrue(tpm.nvSize(0x01400003).isEmpty());
        }
        Path out = dir.resolve("nv");
        Tpm2Tools.run(List.of("tpm2_nvread", "-T", swtpm.tcti(), "0x01400001", "-C", "o", "-o", out.toString()));
        assertArrayEquals(report, Files.readAllBytes(out));
    }

    @Test
    void anNvIndexOfAnotherSizeIsDefinedAgainWithTheNewSize() throws Exception {
        byte[] shorter = new byte[48];
        new Random(5).nextBytes(shorter);
        try (TpmService tpm = tpm()) {
            tpm.writeNv(0x01400002, new byte[64]);
            tpm.writeNv(0x01400002, shorter);
            assertEquals(48, tpm.nvSize(0x01400002).getAsInt());
            assertArrayEquals(shorter, tpm.readNv(0x01400002));
        }
        Path out = dir.resolve("nv");
        Tpm2Tools.run(List.of("tpm2_nvread", "-T", swtpm.tcti(), "0x01400002", "-C", "o", "-o", out.toString()));
        assertArrayEquals(shorter, Files.readAllBytes(out));
        String attributes = Tpm2Tools.run(List.of("tpm2_nvreadpublic", "-T", swtpm.tcti(), "0x01400002"));
        assertTrue(attributes.contains("ownerwrite|ownerread") || attributes.contains("ownerread|ownerwrite"), attributes);
    }
}
