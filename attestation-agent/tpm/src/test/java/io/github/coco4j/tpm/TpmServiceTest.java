package io.github.coco4j.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import io.github.coco4j.digest.HashAlgorithm;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PCR access on a real swtpm, cross-checked with tpm2-tools. */
class TpmServiceTest {
    @TempDir
    static Path dir;
    static Swtpm swtpm;

    @BeforeAll
    static void start() throws Exception {
        swtpm = Swtpm.start(dir);
    }

    @AfterAll
    static void stop() {
        swtpm.close();
    }

    @Test
    void extendsAndReadsTheSha256BankAsTpm2ToolsSeesIt() throws Exception {
        byte[] digest = HashAlgorithm.SHA256.digest("measured".getBytes());
        byte[] before;
        try (TpmService tpm = TpmService.open(TpmAddress.parse(swtpm.address()))) {
            before = tpm.readPcr(16);
            tpm.extendPcr(16, digest);
        }
        byte[] concatenated = Arrays.copyOf(before, 64);
        System.arraycopy(digest, 0, concatenated, 32, 32);
        String expected = HexFormat.of().formatHex(HashAlgorithm.SHA256.digest(concatenated));
        assertEquals(expected, Tpm2Tools.pcrRead(swtpm, 16));
        try (TpmService tpm = TpmService.open(TpmAddress.parse(swtpm.address()))) {
            assertEquals(expected, HexFormat.of().formatHex(tpm.readPcr(16)));
        }
    }

    @Test
    void readsAllTwentyFourPcrsInOrder() throws Exception {
        List<byte[]> all;
        byte[] reversedFirst;
        try (TpmService tpm = TpmService.open(TpmAddress.parse(swtpm.address()))) {
            tpm.extendPcr(23, new byte[32]);
            all = tpm.readAllPcrs();
            reversedFirst = tpm.readPcrs(List.of(23, 0)).get(0);
        }
        // swtpm serves one client at a time: tpm2-tools reads after our connection is closed.
        assertEquals(24, all.size());
        for (int i : new int[] {0, 9, 17, 23}) {
            assertEquals(Tpm2Tools.pcrRead(swtpm, i), HexFormat.of().formatHex(all.get(i)));
        }
        assertArrayEquals(all.get(23), reversedFirst);
    }

    @Test
    void refusesWrongSizesAndIndices() throws Exception {
        try (TpmService tpm = TpmService.open(TpmAddress.parse(swtpm.address()))) {
            assertThrows(IllegalArgumentException.class, () -> tpm.extendPcr(8, new byte[20]));
            assertThrows(IllegalArgumentException.class, () -> tpm.readPcr(24));
        }
    }

    @Test
    void reportsAnUnreachableTpmClearly() {
        TpmAccessException e = assertThrows(TpmAccessException.class, () -> TpmService.open(TpmAddress.parse("tcp:127.0.0.1:1")));
        assertTrue(e.getMessage().startsWith("cannot connect to the TPM at tcp:127.0.0.1:1"), e.getMessage());
        assertTrue(assertThrows(TpmAccessException.class, () -> TpmService.open(TpmAddress.parse("device:/nonexistent/tpm")))
                .getMessage().contains("/nonexistent/tpm"));
    }

    @Test
    void parsesAddresses() {
        assertInstanceOf(TpmAddress.Auto.class, TpmAddress.parse("auto"));
        assertInstanceOf(TpmAddress.None.class, TpmAddress.parse("none"));
        assertEquals(new TpmAddress.Tcp("localhost", 2321), TpmAddress.parse("tcp:localhost:2321"));
        assertEquals(new TpmAddress.Device(Path.of("/dev/tpmrm0")), TpmAddress.parse("device:/dev/tpmrm0"));
        assertEquals(new TpmAddress.Device(Path.of("/dev/tpm0")), TpmAddress.parse("/dev/tpm0"));
        for (String bad : List.of("tcp:host", "tcp:host:0", "tcp:host:x", "device:", "mssim")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> TpmAddress.parse(bad)).getMessage().contains(bad));
        }
    }
}
