package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CryptoBuiltinsTest {
    @Test
    void digestsAreLowercaseHexOfTheUtf8Bytes() {
        assertEquals(v("\"d41d8cd98f00b204e9800998ecf8427e\""), strict("crypto.md5", v("\"\"")));
        assertEquals(v("\"a9993e364706816aba3e25717850c26c9cd0d89d\""), strict("crypto.sha1", v("\"abc\"")));
        assertEquals(v("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""),
                strict("crypto.sha256", v("\"abc\"")));
    }

    @Test
    void hmacAcceptsAnEmptyKey() {
        // RFC 4231-style check: HMAC-SHA256 of "" under the empty key.
        assertEquals(v("\"b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad\""),
                strict("crypto.hmac.sha256", v("\"\""), v("\"\"")));
    }

    @Test
    void hmacEqualComparesTheWholeStrings() {
        assertEquals(v("true"), strict("crypto.hmac.equal", v("\"abc\""), v("\"abc\"")));
        assertEquals(v("false"), strict("crypto.hmac.equal", v("\"abc\""), v("\"ab\"")));
    }
}
