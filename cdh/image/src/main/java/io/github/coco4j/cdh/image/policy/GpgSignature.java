package io.github.coco4j.cdh.image.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * A simple-signing signature: an OpenPGP signed message (optionally compressed) — one-pass signature,
 * literal data, signature — whose literal data is the payload. Verification returns the payload only
 * when a trusted primary key signed it.
 */
final class GpgSignature {
    /** Payloads are a few hundred bytes; the bound keeps a compressed message from inflating without end. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private GpgSignature() {
    }

    static byte[] verify(byte[] message, GpgKeys keys) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(message))) {
            BcPGPObjectFactory packets = new BcPGPObjectFactory(in);
            Object first = packets.nextObject();
            if (first instanceof PGPCompressedData compressed) {
                packets = new BcPGPObjectFactory(compressed.getDataStream());
                first = packets.nextObject();
            }
            PGPOnePassSignature onePass = single(first, PGPOnePassSignatureList.class, "a one-pass signature").get(0);
            PGPPublicKey key = keys.primary(onePass.getKeyID()).orElseThrow(() -> new IOException(
                    "signed by key " + Long.toHexString(onePass.getKeyID()).toUpperCase() + ", which is not trusted"));
            byte[] payload = payload(single(packets.nextObject(), PGPLiteralData.class, "literal data"));
            PGPSignature signature = single(packets.nextObject(), PGPSignatureList.class, "a signature").get(0);
            if (signature.getKeyID() != onePass.getKeyID()) {
                throw new IOException("the signature and its one-pass header name different keys");
            }
            onePass.init(new BcPGPContentVerifierBuilderProvider(), key);
            onePass.update(payload);
            if (!onePass.verify(signature)) {
                throw new IOException("the OpenPGP signature does not verify");
            }
            return payload;
        } catch (PGPException | RuntimeException e) {
            throw new IOException("not a valid OpenPGP signed message: " + e.getMessage(), e);
        }
    }

    private static <T> T single(Object packet, Class<T> type, String what) throws IOException {
        if (!type.isInstance(packet)) {
            throw new IOException("expected " + what + ", found " + (packet == null ? "the end" : packet.getClass().getSimpleName()));
        }
        if (packet instanceof PGPOnePassSignatureList list && list.size() != 1
                || packet instanceof PGPSignatureList sigs && sigs.size() != 1) {
            throw new IOException("expected exactly one signer");
        }
        return type.cast(packet);
    }

    private static byte[] payload(PGPLiteralData literal) throws IOException {
        try (InputStream data = literal.getInputStream()) {
            byte[] payload = data.readNBytes(MAX_PAYLOAD_BYTES + 1);
            if (payload.length > MAX_PAYLOAD_BYTES) {
                throw new IOException("the payload is larger than " + MAX_PAYLOAD_BYTES + " bytes");
            }
            return payload;
        }
    }
}
