package io.github.coco4j.aa.kbs;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The TEE key algorithms of aa.toml's {@code tee_key_algorithm}, with their configuration names. */
public enum TeeKeyAlgorithm {
    ECDH_ES_A256KW_P256("ECDH-ES+A256KW-P256"),
    ECDH_ES_A256KW_P521("ECDH-ES+A256KW-P521"),
    RSA_OAEP_256("RSA-OAEP-256");

    private final String configName;

    TeeKeyAlgorithm(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static TeeKeyAlgorithm fromConfigName(String name) {
        for (TeeKeyAlgorithm algorithm : values()) {
            if (algorithm.configName.equals(name)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown tee_key_algorithm '" + name + "' (known: "
                + Arrays.stream(values()).map(TeeKeyAlgorithm::configName).collect(Collectors.joining(", ")) + ")");
    }
}
