package io.github.coco4j.tpm;

import java.util.List;

/**
 * A TPM2_Quote as verifiers take it: the signed TPMS_ATTEST and its TPMT_SIGNATURE exactly as the
 * TPM marshals them, the quoted sha256 PCR values, and the AK public key (DER SubjectPublicKeyInfo).
 */
public record Quote(byte[] attest, byte[] signature, List<byte[]> pcrs, byte[] akPublic) {
}
