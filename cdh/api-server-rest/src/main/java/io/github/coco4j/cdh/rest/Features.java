package io.github.coco4j.cdh.rest;

import java.util.Locale;

/** Which backends the server exposes: upstream's {@code --features} values. */
public enum Features {
    RESOURCE(true, false),
    ATTESTATION(false, true),
    ALL(true, true);

    private final boolean resource;
    private final boolean attestation;

    Features(boolean resource, boolean attestation) {
        this.resource = resource;
        this.attestation = attestation;
    }

    public boolean resource() {
        return resource;
    }

    public boolean attestation() {
        return attestation;
    }

    /** The name as given on the command line and reported by {@code /info}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Features parse(String name) {
        for (Features features : values()) {
            if (features.wireName().equals(name)) {
                return features;
            }
        }
        throw new IllegalArgumentException("unknown features '" + name + "' (known: resource, attestation, all)");
    }
}
