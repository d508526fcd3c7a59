package io.github.coco4j.cdh.image.crypt;

import io.github.coco4j.cdh.image.stream.CheckedFilterInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.resource.Resources;
import io.github.coco4j.json.JsonTrees;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ocicrypt's layer encryption as the data hub reads it: the layer key comes from the first
 * {@code org.opencontainers.image.enc.keys.provider.*} annotation (CoCo's keyprovider packet), the
 * blob is AES-256-CTR under it, and HMAC-SHA256 of the whole ciphertext must equal the public
 * options' {@code hmac}, checked at end of stream.
 */
public final class LayerDecryption {
    public static final String PROVIDER_PREFIX = "org.opencontainers.image.enc.keys.provider.";
    public static final String PUBOPTS = "org.opencontainers.image.enc.pubopts";
    private static final String CIPHER = "AES_256_CTR_HMAC_SHA256";

    private final Resources resources;

    public LayerDecryption(Resources resources) {
        this.resources = resources;
    }

    private record PrivateOptions(byte[] symKey, byte[] nonce) {
    }

    /** The plaintext of an encrypted blob; fails when no key provider annotation gives a key. */
    public InputStream decrypt(InputStream ciphertext, Map<String, String> annotations, String layerName) throws ImageException {
        PrivateOptions options = privateOptions(annotations, layerName);
        byte[] expectedHmac = publicHmac(annotations, layerName);
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(options.symKey(), "HmacSHA256"));
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(options.symKey(), "AES"), new IvParameterSpec(options.nonce()));
            return new CipherInputStream(new HmacCheckingStream(ciphertext, hmac, expectedHmac, layerName), ctr);
        } catch (GeneralSecurityException e) {
            throw new ImageException(Stage.DECRYPTION, layerName + ": cannot set up AES-256-CTR: " + e.getMessage());
        }
    }

    private PrivateOptions privateOptions(Map<String, String> annotations, String layerName) throws ImageException {
        Optional<Map.Entry<String, String>> provider = annotations.entrySet().stream()
                .filter(e -> e.getKey().startsWith(PROVIDER_PREFIX)).findFirst();
        if (provider.isEmpty()) {
            throw new ImageException(Stage.DECRYPTION, layerName + ": missing private key needed for decryption "
                    + "(no " + PROVIDER_PREFIX + "* annotation; other key wrappings such as JWE are not supported)");
        }
        List<String> failures = new ArrayList<>();
        for (String item : provider.get().getValue().split(",")) {
            try {
                byte[] opts = KeyUnwrap.unwrap(Base64.getDecoder().decode(item.strip()), resources);
                JsonNode json = JsonTrees.read(opts);
                byte[] key = Base64.getDecoder().decode(json.path("symkey").asText(""));
                byte[] nonce = Base64.getDecoder().decode(json.path("cipheroptions").path("nonce").asText(""));
                if (key.length != 32 || nonce.length != 16) {
                    throw new IOException("layer key options need a 32-byte symkey and a 16-byte nonce");
                }
                return new PrivateOptions(key, nonce);
            } catch (IOException | IllegalArgumentException e) {
                failures.add(e.getMessage());
            }
        }
        throw new ImageException(Stage.DECRYPTION, layerName + ": cannot unwrap the layer key: " + String.join("; ", failures));
    }

    private static byte[] publicHmac(Map<String, String> annotations, String layerName) throws ImageException {
        String pubopts = annotations.get(PUBOPTS);
        try {
            JsonNode json = JsonTrees.read(new String(Base64.getDecoder().decode(pubopts == null ? "" : pubopts), StandardCharsets.UTF_8));
            String cipher = json.path("cipher").asText(CIPHER);
            if (!cipher.equals(CIPHER)) {
                throw new ImageException(Stage.DECRYPTION, layerName + ": layer cipher " + cipher + " is not supported");
            }
            byte[] hmac = Base64.getDecoder().decode(json.path("hmac").asText(""));
            if (hmac.length != 32) {
                throw new ImageException(Stage.DECRYPTION, layerName + ": " + PUBOPTS + " has no 32-byte hmac");
            }
            return hmac;
        } catch (IOException | IllegalArgumentException e) {
            throw new ImageException(Stage.DECRYPTION, layerName + ": unreadable " + PUBOPTS + ": " + e.getMessage());
        }
    }

    /** Ciphertext passed through, its HMAC compared at end of stream. */
    private static final class HmacCheckingStream extends CheckedFilterInputStream {
        private final Mac mac;
        private final byte[] expected;
        private final String layerName;
        private boolean checked;

        HmacCheckingStream(InputStream in, Mac mac, byte[] expected, String layerName) {
            super(in);
            this.mac = mac;
            this.expected = expected;
            this.layerName = layerName;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                mac.update(b, off, n);
            } else if (n < 0 && !checked) {
                checked = true;
                if (!MessageDigest.isEqual(mac.doFinal(), expected)) {
                    throw new ImageException(Stage.DECRYPTION, layerName + ": HMAC of the encrypted layer does not match");
                }
            }
            return n;
        }
    }
}
