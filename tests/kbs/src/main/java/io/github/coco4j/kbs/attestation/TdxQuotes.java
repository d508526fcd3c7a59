package io.github.coco4j.kbs.attestation;

import io.github.coco4j.aa.evidence.EvidenceFormatException;
import io.github.coco4j.aa.evidence.TdxQuote;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * TD quotes as far as they can be checked without Intel's collateral: the quote parses as a TDX
 * quote (v4/v5) and its ECDSA P-256 signature over header and body verifies with the attestation
 * key the quote carries. That key is vouched for only by the quoting enclave's report, signed by
 * the PCK certificate that chains to Intel; neither is checked here, so a valid signature shows
 * the quote is intact, not that a genuine TDX platform made it.
 */
final class TdxQuotes {
    private TdxQuotes() {
    }

    static TdxQuote parse(byte[] quote, String tee) throws VerificationException {
        try {
            return TdxQuote.parse(quote);
        } catch (EvidenceFormatException e) {
            throw new VerificationException(tee + " evidence: " + e.getMessage());
        }
    }

    /** The quote's signature by its attestation key (r, s, x and y big-endian, as DCAP writes them). */
    static void verifySignature(TdxQuote quote, String tee) throws VerificationException {
        TdxQuote.Signature signature = quote.signature();
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(attestationKey(signature));
            verifier.update(quote.signedBytes());
            byte[] der = new DERSequence(new ASN1Encodable[] {new ASN1Integer(unsigned(signature.r())),
                new ASN1Integer(unsigned(signature.s()))}).getEncoded();
            if (!verifier.verify(der)) {
                throw new VerificationException(tee + " evidence: the TD quote is not signed by its attestation key");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new VerificationException(tee + " evidence: the TD quote signature is unusable: " + e.getMessage());
        }
    }

    private static PublicKey attestationKey(TdxQuote.Signature signature) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(unsigned(signature.keyX()), unsigned(signature.keyY()));
        return KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
    }

    private static BigInteger unsigned(byte[] bigEndian) {
        return new BigInteger(1, bigEndian);
    }
}
