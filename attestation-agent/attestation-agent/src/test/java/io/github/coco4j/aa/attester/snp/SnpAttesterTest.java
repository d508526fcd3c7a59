package io.github.coco4j.aa.attester.snp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.AttestationException;
import io.github.coco4j.aa.attester.InitDataMismatchException;
import io.github.coco4j.aa.attester.tsm.ConfigfsTsm;
import io.github.coco4j.aa.evidence.SnpReport;
import io.github.coco4j.testing.InitDataVectors;
import io.github.coco4j.testing.Signatures;
import io.github.coco4j.testing.TestData;
import io.github.coco4j.aa.testing.TsmKernelEmulation;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnpAttesterTest {
    private static final String VCEK_GUID = "63da758de6644564adc5f4b93be8accd";
    @TempDir
    Path dir;

    private SnpAttester attester(TsmKernelEmulation kernel) throws Exception {
        return new SnpAttester(new ConfigfsTsm(Files.createDirectories(dir.resolve("tsm")), kernel));
    }

    private static byte[] report() {
        return TestData.bytes("attestation/trustee-verifier/snp/test-report.bin");
    }

    @Test
    void evidenceHasUpstreamShapeAndAsksForVmpl0() throws Exception {
        byte[] raw = report();
        byte[] reportData = SnpReport.parse(raw).reportData();
        byte[] vcek = TestData.bytes("attestation/trustee-verifier/snp/test-vcek.der");
        TsmKernelEmulation kernel = TsmKernelEmulation.sev(raw, certificateTable(vcek));
        ObjectNode evidence = attester(kernel).evidence(reportData);

        assertEquals(List.of("attestation_report", "cert_chain"), names(evidence));
        JsonNode report = evidence.get("attestation_report");
        assertEquals(List.of("version", "guest_svn", "policy", "family_id", "image_id", "vmpl", "sig_algo",
                "current_tcb", "plat_info", "key_info", "report_data", "measurement", "host_data", "id_key_digest",
                "author_key_digest", "report_id", "report_id_ma", "reported_tcb", "cpuid_fam_id", "cpuid_mod_id",
                "cpuid_step", "chip_id", "committed_tcb", "current", "committed", "launch_tcb", "launch_mit_vector",
                "current_mit_vector", "signature"), names(report));
        assertEquals(List.of("fmc", "bootloader", "tee", "snp", "microcode"), names(report.get("reported_tcb")));
        assertTrue(report.get("cpuid_fam_id").isNull());
        assertEquals("VCEK", evidence.at("/cert_chain/0/cert_type").asText());
        assertArrayEquals(vcek, bytes(evidence.at("/cert_chain/0/data")));
        assertEquals(List.of("0"), kernel.privlevels());
        assertArrayEquals(reportData, kernel.inblobs().get(0));
    }

    @Test
    void reportRebuiltFromTheJsonVerifiesWithTheVcek() throws Exception {
        byte[] raw = report();
        ObjectNode evidence = attester(TsmKernelEmulation.sev(raw, null)).evidence(SnpReport.parse(raw).reportData());
        assertTrue(evidence.get("cert_chain").isNull());
        byte[] rebuilt = rebuild(evidence.get("attestation_report"));
        X509Certificate vcek = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(TestData.bytes("attestation/trustee-verifier/snp/test-vcek.der")));
        SnpReport parsed = SnpReport.parse(rebuilt);
        assertTrue(Signatures.verifyEcdsa("SHA384", vcek.getPublicKey(), parsed.signedBytes(),
                Signatures.littleToBigEndian(parsed.signatureR(), 48),
                Signatures.littleToBigEndian(parsed.signatureS(), 48)),
                "a verifier re-serialising the JSON report gets the signed bytes back");
    }

    @Test
    void reportForOtherReportDataIsRefused() {
        AttestationException e = assertThrows(AttestationException.class,
                () -> attester(TsmKernelEmulation.sev(report(), null)).evidence(new byte[64]));
        assertTrue(e.getMessage().contains("does not carry"), e.getMessage());
    }

    @Test
    void bindingComparesHostData() throws Exception {
        byte[] bound = report();
        java.util.Arrays.fill(bound, 0x50, 0x90, (byte) 0);
        System.arraycopy(InitDataVectors.snpHostData("workshop-initdata"), 0, bound, 0xC0, 32);
        assertTrue(attester(TsmKernelEmulation.sev(bound, null))
                .verifyInitDataBinding(InitDataVectors.digest("workshop-initdata")));

        byte[] unbound = report();
        java.util.Arrays.fill(unbound, 0x50, 0x90, (byte) 0);
        InitDataMismatchException e = assertThrows(InitDataMismatchException.class,
                () -> attester(TsmKernelEmulation.sev(unbound, null))
                        .verifyInitDataBinding(InitDataVectors.digest("workshop-initdata")));
        assertTrue(e.getMessage().contains("HOSTDATA"), e.getMessage());
    }

    @Test
    void certificateTableEntryOutsideTheTableIsRefused() {
        byte[] table = certificateTable(new byte[10]);
        ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 5000);
        byte[] raw = report();
        AttestationException e = assertThrows(AttestationException.class,
                () -> attester(TsmKernelEmulation.sev(raw, table)).evidence(SnpReport.parse(raw).reportData()));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    private static byte[] certificateTable(byte[] vcek) {
        ByteBuffer table = ByteBuffer.allocate(48 + vcek.length).order(ByteOrder.LITTLE_ENDIAN);
        table.put(HexFormat.of().parseHex(VCEK_GUID)).putInt(48).putInt(vcek.length);
        table.put(new byte[24]).put(vcek);
        return table.array();
    }

    /** The sev crate's write_bytes for Milan/Genoa layouts: what Trustee does before checking the signature. */
    private static byte[] rebuild(JsonNode r) {
        ByteBuffer out = ByteBuffer.allocate(SnpReport.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(r.get("version").asInt()).putInt(r.get("guest_svn").asInt()).putLong(r.get("policy").asLong());
        out.put(bytes(r.get("family_id"))).put(bytes(r.get("image_id")));
        out.putInt(r.get("vmpl").asInt()).putInt(r.get("sig_algo").asInt());
        tcb(out, r.get("current_tcb"));
        out.putLong(r.get("plat_info").asLong()).putInt(r.get("key_info").asInt()).putInt(0);
        for (String field : new String[] {"report_data", "measurement", "host_data", "id_key_digest",
            "author_key_digest", "report_id", "report_id_ma"}) {
            out.put(bytes(r.get(field)));
        }
        tcb(out, r.get("reported_tcb"));
        out.position(0x1A0).put(bytes(r.get("chip_id")));
        tcb(out, r.get("committed_tcb"));
        version(out, r.get("current"));
        out.put((byte) 0);
        version(out, r.get("committed"));
        out.put((byte) 0);
        tcb(out, r.get("launch_tcb"));
        out.position(0x2A0).put(bytes(r.at("/signature/r"))).put(bytes(r.at("/signature/s")));
        return out.array();
    }

    private static void tcb(ByteBuffer out, JsonNode tcb) {
        out.put((byte) tcb.get("bootloader").asInt()).put((byte) tcb.get("tee").asInt()).putInt(0)
                .put((byte) tcb.get("snp").asInt()).put((byte) tcb.get("microcode").asInt());
    }

    private static void version(ByteBuffer out, JsonNode version) {
        out.put((byte) version.get("build").asInt()).put((byte) version.get("minor").asInt())
                .put((byte) version.get("major").asInt());
    }

    private static byte[] bytes(JsonNode array) {
        byte[] out = new byte[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) array.get(i).asInt();
        }
        return out;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
