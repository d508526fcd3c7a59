package io.github.coco4j.wire;

/** Where the guest's services listen unless told otherwise: upstream's socket paths, in one place. */
public final class DefaultAddresses {
    public static final String ATTESTATION_AGENT =
            "unix:///run/confidential-containers/attestation-agent/attestation-agent.sock";
    public static final String CONFIDENTIAL_DATA_HUB = "unix:///run/confidential-containers/cdh.sock";
    public static final String KATA_AGENT = "unix:///run/kata-containers/agent.sock";

    private DefaultAddresses() {
    }
}
