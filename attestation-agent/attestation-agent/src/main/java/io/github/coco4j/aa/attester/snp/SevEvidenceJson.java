package io.github.coco4j.aa.attester.snp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.SnpReport;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of an SNP attestation report and certificate table as upstream's attester emits
 * them (the serde form of the {@code sev} crate 6.x types): byte arrays as arrays of numbers,
 * bit-field words as numbers, TCB versions as objects, absent fields as null.
 */
final class SevEvidenceJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<String, String> CERT_TYPES = Map.of(
            "c0b406a4-a803-4952-9743-3fb6014cd0ae", "ARK",
            "4ab7b379-bbac-4fe4-a02f-05aef327c782", "ASK",
            "63da758d-e664-4564-adc5-f4b93be8accd", "VCEK",
            "a8074bc2-a25a-483e-aae6-39c045a0b8a1", "VLEK",
            "92f81bc3-5811-4d3d-97ff-d19f88dc67ea", "CRL");

    private SevEvidenceJson() {
    }

    static ObjectNode attestationReport(SnpReport report) {
        ObjectNode json = JSON.objectNode();
        json.put("version", report.version());
        json.put("guest_svn", report.guestSvn());
        json.put("policy", report.policy());
        json.set("family_id", bytes(report.familyId()));
        json.set("image_id", bytes(report.imageId()));
        json.put("vmpl", report.vmpl());
        json.put("sig_algo", report.signatureAlgorithm());
        json.set("current_tcb", tcb(report.currentTcb()));
        json.put("plat_info", report.platformInfo());
        json.put("key_info", report.keyInfo());
        json.set("report_data", bytes(report.reportData()));
        json.set("measurement", bytes(report.measurement()));
        json.set("host_data", bytes(report.hostData()));
        json.set("id_key_digest", bytes(report.idKeyDigest()));
        json.set("author_key_digest", bytes(report.authorKeyDigest()));
        json.set("report_id", bytes(report.reportId()));
        json.set("report_id_ma", bytes(report.reportIdMa()));
        json.set("reported_tcb", tcb(report.reportedTcb()));
        int[] cpuid = report.cpuid();
        String[] cpuidNames = {"cpuid_fam_id", "cpuid_mod_id", "cpuid_step"};
        for (int i = 0; i < cpuidNames.length; i++) {
            if (cpuid == null) {
                json.putNull(cpuidNames[i]);
            } else {
                json.put(cpuidNames[i], cpuid[i]);
            }
        }
        json.set("chip_id", bytes(report.chipId()));
        json.set("committed_tcb", tcb(report.committedTcb()));
        json.set("current", version(report.currentVersion()));
        json.set("committed", version(report.committedVersion()));
        json.set("launch_tcb", tcb(report.launchTcb()));
        long[] mitigations = report.mitigationVectors();
        if (mitigations == null) {
            json.putNull("launch_mit_vector");
            json.putNull("current_mit_vector");
        } else {
            json.put("launch_mit_vector", mitigations[0]);
            json.put("current_mit_vector", mitigations[1]);
        }
        ObjectNode signature = JSON.objectNode();
        signature.set("r", bytes(report.signatureR()));
        signature.set("s", bytes(report.signatureS()));
        json.set("signature", signature);
        return json;
    }

    static ArrayNode certChain(List<CertTable.Entry> entries) {
        ArrayNode chain = JSON.arrayNode();
        for (CertTable.Entry entry : entries) {
            ObjectNode json = chain.addObject();
            String known = CERT_TYPES.get(entry.guid());
            if (known != null) {
                json.put("cert_type", known);
            } else {
                json.putObject("cert_type").put("OTHER", entry.guid());
            }
            json.set("data", bytes(entry.data()));
        }
        return chain;
    }

    private static ArrayNode bytes(byte[] value) {
        ArrayNode array = JSON.arrayNode(value.length);
        for (byte b : value) {
            array.add(b & 0xff);
        }
        return array;
    }

    private static ObjectNode tcb(SnpReport.TcbVersion tcb) {
        ObjectNode json = JSON.objectNode();
        if (tcb.fmc() == null) {
            json.putNull("fmc");
        } else {
            json.put("fmc", tcb.fmc());
        }
        json.put("bootloader", tcb.bootloader());
        json.put("tee", tcb.tee());
        json.put("snp", tcb.snp());
        json.put("microcode", tcb.microcode());
        return json;
    }

    private static ObjectNode version(SnpReport.Version version) {
        ObjectNode json = JSON.objectNode();
        json.put("major", version.major());
        json.put("minor", version.minor());
        json.put("build", version.build());
        return json;
    }
}
