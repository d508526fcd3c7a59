package io.github.coco4j.aa.attester;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The TEE types this attestation agent produces evidence for, with the KBS protocol's names. */
public enum TeeType {
    TDX("tdx"),
    AZ_TDX_VTPM("az-tdx-vtpm"),
    AZ_SNP_VTPM("az-snp-vtpm"),
    SNP("snp"),
    TPM("tpm"),
    SAMPLE("sample");

    private final String wireName;

    TeeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in KBS requests, tokens and {@code GetTeeType}. */
    public String wireName() {
        return wireName;
    }

    public static TeeType fromWireName(String name) {
        for (TeeType tee : values()) {
            if (tee.wireName.equals(name)) {
                return tee;
            }
        }
        throw new IllegalArgumentException("unknown TEE '" + name + "' (known: "
                + Arrays.stream(values()).map(TeeType::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
