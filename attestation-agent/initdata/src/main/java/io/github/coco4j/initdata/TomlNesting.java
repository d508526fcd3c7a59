package io.github.coco4j.initdata;

/**
 * How deeply the arrays and inline tables of a TOML text nest, found by a scan that skips strings
 * and comments. tomlj parses by recursive descent, so deep nesting would exhaust the stack;
 * checking before parsing turns it into a plain error.
 */
final class TomlNesting {
    private TomlNesting() {
    }

    /** The deepest nesting of {@code [} and {@code {} outside strings and comments. */
    static int depth(String text) {
        int depth = 0;
        int deepest = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = afterString(text, i);
                continue;
            }
            if (c == '#') {
                i = lineEnd(text, i);
                continue;
            }
            if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            i++;
        }
        return deepest;
    }

    /** Where the string starting at {@code start} ends: basic or literal, one-line or multi-line. */
    private static int afterString(String text, int start) {
        char quote = text.charAt(start);
        boolean escapes = quote == '"';
        String triple = String.valueOf(quote).repeat(3);
        if (text.startsWith(triple, start)) {
            return closing(text, start + 3, triple, escapes, false);
        }
        return closing(text, start + 1, String.valueOf(quote), escapes, true);
    }

    private static int closing(String text, int from, String delimiter, boolean escapes, boolean oneLine) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
            } else if (oneLine && c == '\n') {
                return i;
            } else if (text.startsWith(delimiter, i)) {
                return i + delimiter.length();
            } else {
                i++;
            }
        }
        return i;
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }
}
