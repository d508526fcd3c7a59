package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** crypto.md5, sha1, sha256 and crypto.hmac.*: digests of a string's UTF-8 bytes, as lowercase hex. */
final class CryptoBuiltins implements BuiltinFamily {
    @Override
    public void register(Builtins t) {
        digest(t, "crypto.md5", "MD5");
        digest(t, "crypto.sha1", "SHA-1");
        digest(t, "crypto.sha256", "SHA-256");
        hmac(t, "crypto.hmac.md5", "HmacMD5");
        hmac(t, "crypto.hmac.sha1", "HmacSHA1");
        hmac(t, "crypto.hmac.sha256", "HmacSHA256");
        hmac(t, "crypto.hmac.sha512", "HmacSHA512");
        // Compared in constant time, as MACs should be.
        t.add("crypto.hmac.equal", 2, (c, a) -> BoolValue.of(MessageDigest.isEqual(
                utf8("crypto.hmac.equal", a[0]), utf8("crypto.hmac.equal", a[1]))));
    }

    private static void digest(Builtins t, String fn, String algorithm) {
        t.add(fn, 1, (c, a) -> {
            try {
                return hex(MessageDigest.getInstance(algorithm).digest(utf8(fn, a[0])));
            } catch (GeneralSecurityException e) {
                throw new BuiltinException(fn + ": " + algorithm + " is not available: " + e.getMessage());
            }
        });
    }

    private static void hmac(Builtins t, String fn, String algorithm) {
        t.add(fn, 2, (c, a) -> {
            byte[] message = utf8(fn, a[0]);
            byte[] key = utf8(fn, a[1]);
            try {
                Mac mac = Mac.getInstance(algorithm);
                // An empty key is a valid HMAC key, which SecretKeySpec refuses: one zero byte is
                // the same key once HMAC pads it to the block size.
                mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
                return hex(mac.doFinal(message));
            } catch (GeneralSecurityException e) {
                throw new BuiltinException(fn + ": " + algorithm + " is not available: " + e.getMessage());
            }
        });
    }

    private static byte[] utf8(String fn, Value v) {
        return Args.string(fn, v).getBytes(StandardCharsets.UTF_8);
    }

    private static StringValue hex(byte[] bytes) {
        return StringValue.of(HexFormat.of().formatHex(bytes));
    }
}
