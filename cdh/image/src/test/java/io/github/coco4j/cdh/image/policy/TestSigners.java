package io.github.coco4j.cdh.image.policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/** Throwaway signers for the tests: an OpenPGP key writing simple signatures, an ECDSA key writing cosign ones. */
final class TestSigners {
    private TestSigners() {
    }

    static String payload(String type, String digest, String reference) {
        return "{\"critical\":{\"identity\":{\"docker-reference\":\"" + reference + "\"},\"image\":{\"docker-manifest-digest\":\""
                + digest + "\"},\"type\":\"" + type + "\"},\"optional\":{\"creator\":\"test\"}}";
    }

    /** An RSA OpenPGP key with its public keyring. */
    record Gpg(PGPKeyPair pair, byte[] publicKeyring) {
        static Gpg generate() throws GeneralSecurityException, PGPException, IOException {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            PGPKeyPair pair = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa.generateKeyPair(), new Date());
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, "test <test@example.org>",
                    new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1), null, null,
                    new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256), null);
            return new Gpg(pair, rings.generatePublicKeyRing().getEncoded());
        }

        /** A signed message as skopeo writes it: one-pass signature, literal data, signature. */
        byte[] sign(String payload) throws PGPException, IOException {
            byte[] data = payload.getBytes(StandardCharsets.UTF_8);
            PGPSignatureGenerator signer = new PGPSignatureGenerator(
                    new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256));
            signer.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (BCPGOutputStream out = new BCPGOutputStream(bytes)) {
                signer.generateOnePassVersion(false).encode(out);
                PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
                try (OutputStream body = literal.open(out, PGPLiteralData.BINARY, "", data.length, new Date())) {
                    body.write(data);
                }
                signer.update(data);
                signer.generate().encode(out);
            }
            return bytes.toByteArray();
        }
    }

    /** An ECDSA P-256 key as cosign generates. */
    record Cosign(KeyPair pair) {
        static Cosign generate() throws GeneralSecurityException {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            return new Cosign(ec.generateKeyPair());
        }

        String publicPem() {
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        }

        /** The base64 DER signature cosign puts in the layer annotation. */
        String sign(byte[] payload) throws GeneralSecurityException {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        }
    }
}
