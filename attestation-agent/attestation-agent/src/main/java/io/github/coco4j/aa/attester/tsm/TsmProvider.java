package io.github.coco4j.aa.attester.tsm;

/** The configfs-tsm report providers (the {@code provider} attribute of a report entry). */
public enum TsmProvider {
    TDX("tdx_guest"),
    SEV("sev_guest");

    private final String attribute;

    TsmProvider(String attribute) {
        this.attribute = attribute;
    }

    /** The provider name as the kernel writes it, without the trailing newline. */
    public String attribute() {
        return attribute;
    }
}
