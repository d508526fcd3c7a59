package io.github.coco4j.tpm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import tss.Tpm;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPMS_SIG_SCHEME_RSASSA;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF_OBJECT;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;

/**
 * The attestation key: an RSA-2048 restricted signing key (RSASSA-SHA256) kept at a persistent
 * handle. It is created in the endorsement hierarchy when the handle is empty, so the same TPM
 * always presents the same key.
 */
final class AttestationKey {
    static final int RSA_EXPONENT = 65537;

    private AttestationKey() {
    }

    static TPMT_PUBLIC template() {
        TPMA_OBJECT attributes = new TPMA_OBJECT(TPMA_OBJECT.fixedTPM, TPMA_OBJECT.fixedParent,
                TPMA_OBJECT.sensitiveDataOrigin, TPMA_OBJECT.userWithAuth, TPMA_OBJECT.restricted, TPMA_OBJECT.sign);
        // The exponent is explicit: some TPMs reject 0 ("default") in restricted key templates.
        TPMS_RSA_PARMS rsa = new TPMS_RSA_PARMS(new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.NULL, 0, TPM_ALG_ID.NULL),
                new TPMS_SIG_SCHEME_RSASSA(TPM_ALG_ID.SHA256), 2048, RSA_EXPONENT);
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256, attributes, new byte[0], rsa, new TPM2B_PUBLIC_KEY_RSA());
    }

    /** The public area of the key persisted at {@code handle}; fails when there is none. */
    static TPMT_PUBLIC read(Tpm tpm, int handle) {
        TPMT_PUBLIC existing = tpm._allowErrors().ReadPublic(TPM_HANDLE.from(handle)).outPublic;
        if (!tpm._lastCommandSucceeded()) {
            throw new TpmAccessException(String.format("no attestation key is persisted at 0x%08x", handle));
        }
        return existing;
    }

    /** The public area at {@code handle}, creating and persisting the key first when absent. */
    static TPMT_PUBLIC ensure(Tpm tpm, int handle) {
        TPMT_PUBLIC existing = tpm._allowErrors().ReadPublic(TPM_HANDLE.from(handle)).outPublic;
        if (tpm._lastCommandSucceeded()) {
            return existing;
        }
        var created = tpm.CreatePrimary(TPM_HANDLE.from(TPM_RH.ENDORSEMENT),
                new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), template(), new byte[0], new TPMS_PCR_SELECTION[0]);
        try {
            tpm.EvictControl(TPM_HANDLE.from(TPM_RH.OWNER), created.handle, TPM_HANDLE.from(handle));
        } finally {
            // No resource manager sits between us and swtpm or /dev/tpm0: free the slot ourselves.
            tpm.FlushContext(created.handle);
        }
        return created.outPublic;
    }

    /** DER SubjectPublicKeyInfo of an RSA public area. */
    static byte[] subjectPublicKeyInfo(TPMT_PUBLIC area) {
        if (!(area.unique instanceof TPM2B_PUBLIC_KEY_RSA modulus) || !(area.parameters instanceof TPMS_RSA_PARMS rsa)) {
            throw new TpmAccessException("the attestation key is not an RSA key");
        }
        int exponent = rsa.exponent == 0 ? RSA_EXPONENT : rsa.exponent;
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, modulus.buffer), BigInteger.valueOf(exponent))).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new TpmAccessException("the attestation key's public area is not a valid RSA key", e);
        }
    }
}
