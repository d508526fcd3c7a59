package io.github.coco4j.rego.lexer;

/**
 * A token with its position. {@code text} is the source text, except for strings where it is
 * the decoded value; {@code offset} and {@code end} delimit it in the source. {@code newlineBefore} tells whether a line break separates it from the
 * previous token, which ends statements in Rego.
 */
public record Token(TokenType type, String text, int line, int column, int offset, int end, boolean newlineBefore) {
    public boolean is(TokenType t) {
        return type == t;
    }

    public boolean isIdent(String name) {
        return type == TokenType.IDENT && text.equals(name);
    }

    public String describe() {
        return switch (type) {
            case IDENT -> "`" + text + "`";
            case STRING, RAW_STRING -> "string";
            case NUMBER -> "number `" + text + "`";
            default -> type.display();
        };
    }
}
