package io.github.coco4j.cdh.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RequestTargetTest {
    @Test
    void pathStaysRawAndQueryIsDecodedAsAForm() {
        RequestTarget target = RequestTarget.parse("/aa/evidence?runtime_data=a+b%21;c&encoding=base64");
        assertEquals("/aa/evidence", target.rawPath());
        assertEquals(Optional.of("a b!;c"), target.parameter("runtime_data"));
        assertEquals(Optional.of("base64"), target.parameter("encoding"));
        assertEquals(Optional.empty(), target.parameter("token_type"));
    }

    @Test
    void theLastOfRepeatedParametersCounts() {
        assertEquals(Optional.of("2"), RequestTarget.parse("/aa/token?token_type=1&token_type=2").parameter("token_type"));
    }

    @Test
    void escapedLettersAndNonAsciiArePlainCharacters() {
        assertEquals("/cdh/resource/a%41/b%C3%A9/c", RequestTarget.parse("/cdh/resource/a%41/b%C3%A9/c").rawPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/cdh/resource/../../etc/passwd", "/cdh/resource/./key/tag", "/cdh/../info", "/..",
        "/cdh/resource/%2e%2e/%2E%2E/etc", "/cdh/resource/a%2eb/key/tag", "/cdh/resource/a%2fb/c/d",
        "/cdh/resource/a%2Fb%2Fc", "/cdh/resource/a%5cb/c/d", "/cdh/resource/a\\b/c/d",
        "/cdh/resource/%252e%252e/key/tag", "/cdh/resource/a%00/b/c", "/cdh/resource/a%/b/c",
        "/cdh/resource/a%zz/b/c", "/cdh/resource/a%2", "http://127.0.0.1:8006/info", "*", "",
        "/aa/evidence?runtime_data=%zz"})
    void refusesPathsThatCouldEscape(String uri) {
        assertThrows(IllegalArgumentException.class, () -> RequestTarget.parse(uri));
    }
}
