package io.github.coco4j.kbs.protocol;

/**
 * An error answer in Trustee's form: {@code {"type": ".../errors/<Variant>", "detail": "..."}},
 * with Trustee's status codes (404 for paths and plugins it does not know, 401 for the rest), and
 * 404 for a resource that does not exist, as the protocol description has it.
 */
public final class KbsError extends Exception {
    private static final long serialVersionUID = 1L;
    public static final String TYPE_PREFIX = "https://github.com/confidential-containers/kbs/errors/";

    /** The error variants this KBS answers with, named as Trustee names them. */
    public enum Variant {
        InvalidRequestPath(404),
        PluginNotFound(404),
        ResourceNotFound(404),
        RcarAuthFailed(401),
        RcarAttestFailed(401),
        TokenNotFound(401),
        TokenVerifierError(401),
        PolicyDeny(401),
        JweError(401),
        PluginInternalError(401),
        /** Not a Trustee variant: Trustee's HTTP layer refuses oversized bodies with a bare 413. */
        PayloadTooLarge(413);

        private final int status;

        Variant(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Variant variant;

    public KbsError(Variant variant, String detail) {
        super(detail);
        this.variant = variant;
    }

    public Variant variant() {
        return variant;
    }

    public String type() {
        return TYPE_PREFIX + variant.name();
    }
}
