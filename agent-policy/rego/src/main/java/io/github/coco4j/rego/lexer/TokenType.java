package io.github.coco4j.rego.lexer;

public enum TokenType {
    IDENT, STRING, RAW_STRING, NUMBER,
    LBRACE("{"), RBRACE("}"), LBRACKET("["), RBRACKET("]"), LPAREN("("), RPAREN(")"),
    DOT("."), COMMA(","), SEMICOLON(";"), COLON(":"), ASSIGN(":="), UNIFY("="), EQ("=="), NEQ("!="),
    LT("<"), LTE("<="), GT(">"), GTE(">="), PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"),
    AMPERSAND("&"), PIPE("|"), EOF("end of input");

    private final String text;

    TokenType() {
        this.text = null;
    }

    TokenType(String text) {
        this.text = text;
    }

    /** A symbol's text ({@code :=}); null for the other kinds. */
    public String symbol() {
        return text;
    }

    /** How messages name the token kind. */
    public String display() {
        return text != null ? "`" + text + "`" : name().toLowerCase().replace('_', ' ');
    }
}
