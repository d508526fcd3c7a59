package io.github.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.evidence.SnpReport;

/**
 * The SNP report claims both of Trustee's SNP verifiers give: the guest policy's ABI version and
 * flags, the reported TCB and the platform flags, as numbers and booleans (the snp verifier's
 * types; az-snp-vtpm gives them as strings).
 */
final class SnpClaims {
    private SnpClaims() {
    }

    static ObjectNode of(SnpReport snp) {
        long policy = snp.policy();
        SnpReport.TcbVersion tcb = snp.reportedTcb();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("policy_abi_major", policy >> 8 & 0xff);
        claims.put("policy_abi_minor", policy & 0xff);
        claims.put("policy_smt_allowed", bit(policy, 16));
        claims.put("policy_migrate_ma", bit(policy, 18));
        claims.put("policy_debug_allowed", bit(policy, 19));
        claims.put("policy_single_socket", bit(policy, 20));
        claims.put("reported_tcb_bootloader", tcb.bootloader());
        claims.put("reported_tcb_tee", tcb.tee());
        claims.put("reported_tcb_snp", tcb.snp());
        claims.put("reported_tcb_microcode", tcb.microcode());
        claims.put("platform_tsme_enabled", bit(snp.platformInfo(), 1));
        claims.put("platform_smt_enabled", bit(snp.platformInfo(), 0));
        return claims;
    }

    private static boolean bit(long value, int bit) {
        return (value >> bit & 1) == 1;
    }
}
