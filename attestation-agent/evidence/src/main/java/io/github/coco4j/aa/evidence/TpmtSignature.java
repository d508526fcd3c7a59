package io.github.coco4j.aa.evidence;

/** A marshalled TPMT_SIGNATURE with an RSA scheme (RSASSA or RSAPSS), as TPM2_Quote returns it. */
public record TpmtSignature(int signatureAlgorithm, int hashAlgorithm, byte[] signature) {
    public static final int TPM_ALG_RSASSA = 0x0014;
    public static final int TPM_ALG_RSAPSS = 0x0016;

    public static TpmtSignature parse(byte[] marshalled) {
        ByteReader in = new ByteReader(marshalled, "TPMT_SIGNATURE");
        int algorithm = in.u16be("sigAlg");
        if (algorithm != TPM_ALG_RSASSA && algorithm != TPM_ALG_RSAPSS) {
            throw new EvidenceFormatException(String.format(
                    "TPMT_SIGNATURE: signature algorithm 0x%04x is not RSASSA or RSAPSS", algorithm));
        }
        int hash = in.u16be("hash");
        byte[] signature = in.bytes(in.u16be("sig.size"), "sig");
        in.expectEnd();
        return new TpmtSignature(algorithm, hash, signature);
    }
}
