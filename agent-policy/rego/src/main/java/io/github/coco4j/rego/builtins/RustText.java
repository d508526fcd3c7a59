package io.github.coco4j.rego.builtins;

/** Text rules of the reference engine's language that differ from Java's. */
final class RustText {
    private RustText() {
    }

    /** Unicode White_Space, as Rust's {@code char::is_whitespace}. */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    static boolean hasWhitespace(String s) {
        return s.codePoints().anyMatch(RustText::isWhitespace);
    }

    /** The index of the first character at or after {@code from} that is not whitespace. */
    static int skipWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && isWhitespace(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
        }
        return i;
    }
}
