package io.github.coco4j.cdh.kbc;

/**
 * Where the cc_kbc gets its KBS token and the TEE key the token certifies: upstream's
 * {@code {"token":"<JWT>","tee_keypair":"<PEM private key>"}}, from the attestation agent.
 */
public interface KbsCredentialSource {
    byte[] kbsCredentials() throws KbcException, InterruptedException;
}
