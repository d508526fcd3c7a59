package io.github.coco4j.cdh.image.crypt;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.cdh.image.resource.Resources;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CoCo keyprovider's unwrap, as the data hub does it for ocicrypt: the annotation packet names
 * the KEK by its KBS resource ({@code kid}), and {@code wrapped_data} is AES-256-GCM of the layer's
 * private options under that KEK (ciphertext and 16-byte tag, no additional data).
 */
final class KeyUnwrap {
    private KeyUnwrap() {
    }

    /** The layer's private options JSON from one annotation packet (the packet's JSON text). */
    static byte[] unwrap(byte[] packetJson, Resources resources) throws IOException {
        JsonNode packet = JsonTrees.read(packetJson);
        if (!packet.isObject()) {
            throw new IOException("the key provider annotation is not a JSON object");
        }
        String version = packet.path("version").asText("0.1.0");
        if (!version.equals("0.1.0")) {
            throw new IOException("annotation packet version " + version + " is not supported");
        }
        String provider = packet.path("provider").asText("kbs");
        if (!provider.equals("kbs")) {
            throw new IOException("annotation packet provider " + provider + " is not supported yet (only kbs)");
        }
        String wrapType = packet.path("wrap_type").asText("");
        if (!wrapType.equals("A256GCM")) {
            throw new IOException("wrap_type " + wrapType + " is not supported (only A256GCM)");
        }
        String kid = packet.path("kid").asText("");
        byte[] kek;
        try {
            kek = resources.fetch(kid);
        } catch (IOException e) {
            throw new IOException("KEK " + kid + " unavailable: " + e.getMessage(), e);
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"),
                    new GCMParameterSpec(128, Base64.getDecoder().decode(packet.path("iv").asText(""))));
            return gcm.doFinal(Base64.getDecoder().decode(packet.path("wrapped_data").asText("")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("KEK " + kid + " does not unwrap the layer key (AES-256-GCM: " + e.getMessage() + ")");
        }
    }
}
