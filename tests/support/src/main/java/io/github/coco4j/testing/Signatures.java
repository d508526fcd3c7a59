package io.github.coco4j.testing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/** Signature checks the parser tests use to prove that offsets and lengths are right. */
public final class Signatures {
    private Signatures() {
    }

    public static PublicKey ecPublicKey(String curve, byte[] x, byte[] y) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    /** Verifies an ECDSA signature given as big-endian r and s of equal width (IEEE P1363). */
    public static boolean verifyEcdsa(String hash, PublicKey key, byte[] data, byte[] r, byte[] s)
            throws GeneralSecurityException {
        byte[] p1363 = new byte[r.length + s.length];
        System.arraycopy(r, 0, p1363, 0, r.length);
        System.arraycopy(s, 0, p1363, r.length, s.length);
        Signature verifier = Signature.getInstance(hash + "withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(p1363);
    }

    public static boolean verifyRsaPkcs1(PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    /** A bare RSASSA-SHA256 signature marshalled as the TPMT_SIGNATURE a TPM returns around it. */
    public static byte[] tpmtRsassaSha256(byte[] signature) {
        return ByteBuffer.allocate(6 + signature.length).putShort((short) 0x0014).putShort((short) 0x000b)
                .putShort((short) signature.length).put(signature).array();
    }

    /** Reverses a little-endian integer and trims it to {@code width} big-endian bytes. */
    public static byte[] littleToBigEndian(byte[] littleEndian, int width) {
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[width - 1 - i] = littleEndian[i];
        }
        return out;
    }
}
