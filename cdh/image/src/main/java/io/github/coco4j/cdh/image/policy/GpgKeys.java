package io.github.coco4j.cdh.image.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The OpenPGP public keys a {@code signedBy} requirement trusts, from keyrings in binary or ASCII
 * armour. Only primary keys sign image signatures: upstream ignores subkeys, and so do we.
 */
final class GpgKeys {
    private final List<PGPPublicKey> primaryKeys;

    private GpgKeys(List<PGPPublicKey> primaryKeys) {
        this.primaryKeys = primaryKeys;
    }

    static GpgKeys parse(Collection<byte[]> keyrings) throws IOException {
        List<PGPPublicKey> keys = new ArrayList<>();
        for (byte[] keyring : keyrings) {
            try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(keyring))) {
                for (PGPPublicKeyRing ring : new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator())) {
                    keys.add(ring.getPublicKey());
                }
            } catch (PGPException | RuntimeException e) {
                throw new IOException("not an OpenPGP public keyring: " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("the keyring holds no public key");
        }
        return new GpgKeys(List.copyOf(keys));
    }

    /** The primary key whose key ID (the low 64 bits of its v4 fingerprint) is {@code keyId}. */
    Optional<PGPPublicKey> primary(long keyId) {
        return primaryKeys.stream().filter(k -> k.getKeyID() == keyId).findFirst();
    }
}
