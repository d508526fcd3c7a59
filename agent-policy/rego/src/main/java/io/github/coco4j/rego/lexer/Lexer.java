package io.github.coco4j.rego.lexer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns Rego source into tokens. Comments start with {@code #}; keywords are identifiers. */
public final class Lexer {
    private final Source source;
    private final String text;
    /**
     * The text as an array: a policy is lexed once per load, mostly before the JIT compiles the
     * lexer, and the interpreter reads an array element far faster than it calls charAt.
     */
    private final char[] chars;
    private int pos;
    private int line = 1;
    private int lineStart;
    private boolean newline;
    /**
     * One string per distinct identifier: the evaluator compares variable names often, and the
     * same string object compares equal at once.
     */
    private final Map<String, String> identifiers = new HashMap<>();

    public Lexer(Source source) {
        this.source = source;
        this.text = source.text();
        this.chars = text.toCharArray();
    }

    public static List<Token> tokenize(Source source) {
        Lexer lexer = new Lexer(source);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.type() != TokenType.EOF);
        return tokens;
    }

    private Token next() {
        skipSpaceAndComments();
        int start = pos;
        int col = pos - lineStart + 1;
        boolean nl = newline;
        newline = false;
        if (pos >= chars.length) {
            return new Token(TokenType.EOF, "", line, col, pos, pos, true);
        }
        char c = chars[pos];
        if (isIdentifierStart(c)) {
            while (pos < chars.length && isIdentifierPart(chars[pos])) {
                pos++;
            }
            String name = identifiers.computeIfAbsent(text.substring(start, pos), n -> n);
            return new Token(TokenType.IDENT, name, line, col, start, pos, nl);
        }
        if (c >= '0' && c <= '9' || (c == '.' && pos + 1 < chars.length && Character.isDigit(chars[pos + 1])
                && !previousIsTerm(start))) {
            return number(start, col, nl);
        }
        if (c == '"') {
            return string(start, col, nl);
        }
        if (c == '`') {
            return rawString(start, col, nl);
        }
        TokenType type = symbol(c, pos + 1 < chars.length ? chars[pos + 1] : '\0');
        if (type == null) {
            throw source.error(line, col, "invalid character `" + c + "`");
        }
        pos += type.symbol().length();
        return new Token(type, type.symbol(), line, col, start, pos, nl);
    }

    /** A dot right after an identifier, bracket or parenthesis selects a field; it starts no number. */
    private boolean previousIsTerm(int start) {
        if (start == 0) {
            return false;
        }
        char p = chars[start - 1];
        return Character.isLetterOrDigit(p) || p == '_' || p == ']' || p == ')' || p == '}' || p == '"';
    }

    /** Letters and digits as Java knows them, with a shortcut for ASCII, which policies are mostly written in. */
    private static boolean isIdentifierStart(char c) {
        return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' : Character.isLetter(c);
    }

    private static boolean isIdentifierPart(char c) {
        return c < 0x80 ? isIdentifierStart(c) || (c >= '0' && c <= '9') : Character.isLetterOrDigit(c);
    }

    private static TokenType symbol(char c, char next) {
        return switch (c) {
            case '{' -> TokenType.LBRACE;
            case '}' -> TokenType.RBRACE;
            case '[' -> TokenType.LBRACKET;
            case ']' -> TokenType.RBRACKET;
            case '(' -> TokenType.LPAREN;
            case ')' -> TokenType.RPAREN;
            case '.' -> TokenType.DOT;
            case ',' -> TokenType.COMMA;
            case ';' -> TokenType.SEMICOLON;
            case ':' -> next == '=' ? TokenType.ASSIGN : TokenType.COLON;
            case '=' -> next == '=' ? TokenType.EQ : TokenType.UNIFY;
            case '!' -> next == '=' ? TokenType.NEQ : null;
            case '<' -> next == '=' ? TokenType.LTE : TokenType.LT;
            case '>' -> next == '=' ? TokenType.GTE : TokenType.GT;
            case '+' -> TokenType.PLUS;
            case '-' -> TokenType.MINUS;
            case '*' -> TokenType.STAR;
            case '/' -> TokenType.SLASH;
            case '%' -> TokenType.PERCENT;
            case '&' -> TokenType.AMPERSAND;
            case '|' -> TokenType.PIPE;
            default -> null;
        };
    }

    private void skipSpaceAndComments() {
        while (pos < chars.length) {
            char c = chars[pos];
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
                newline = true;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                int end = text.indexOf('\n', pos);
                pos = end < 0 ? chars.length : end;
            } else {
                return;
            }
        }
    }

    private Token number(int start, int col, boolean nl) {
        while (pos < chars.length && (Character.isDigit(chars[pos]) || chars[pos] == '_')) {
            pos++;
        }
        if (pos < chars.length && chars[pos] == '.' && pos + 1 < chars.length && Character.isDigit(chars[pos + 1])) {
            pos++;
            while (pos < chars.length && Character.isDigit(chars[pos])) {
                pos++;
            }
        }
        if (pos < chars.length && (chars[pos] == 'e' || chars[pos] == 'E')) {
            int mark = pos;
            pos++;
            if (pos < chars.length && (chars[pos] == '+' || chars[pos] == '-')) {
                pos++;
            }
            if (pos < chars.length && Character.isDigit(chars[pos])) {
                while (pos < chars.length && Character.isDigit(chars[pos])) {
                    pos++;
                }
            } else {
                pos = mark;
            }
        }
        if (pos < chars.length && (Character.isLetter(chars[pos]) || chars[pos] == '_')) {
            throw source.error(line, pos - lineStart + 1, "invalid number literal");
        }
        return new Token(TokenType.NUMBER, text.substring(start, pos), line, col, start, pos, nl);
    }

    private Token string(int start, int col, boolean nl) {
        pos++;
        // Most strings have no escapes: they are taken from the text in one piece.
        int end = pos;
        while (end < chars.length && chars[end] != '"' && chars[end] != '\\' && chars[end] != '\n') {
            end++;
        }
        if (end < chars.length && chars[end] == '"') {
            String value = text.substring(pos, end);
            pos = end + 1;
            return new Token(TokenType.STRING, value, line, col, start, pos, nl);
        }
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= chars.length || chars[pos] == '\n') {
                throw source.error(line, col, "unterminated string");
            }
            char c = chars[pos++];
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (pos >= chars.length) {
                throw source.error(line, col, "unterminated string");
            }
            char e = chars[pos++];
            switch (e) {
                case '"', '\\', '/' -> value.append(e);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    if (pos + 4 > chars.length) {
                        throw source.error(line, pos - lineStart, "invalid unicode escape");
                    }
                    try {
                        value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw source.error(line, pos - lineStart, "invalid unicode escape");
                    }
                    pos += 4;
                }
                default -> throw source.error(line, pos - lineStart, "invalid escape sequence `\\" + e + "`");
            }
        }
        return new Token(TokenType.STRING, value.toString(), line, col, start, pos, nl);
    }

    private Token rawString(int start, int col, boolean nl) {
        int startLine = line;
        pos++;
        int contentStart = pos;
        while (pos < chars.length && chars[pos] != '`') {
            if (chars[pos] == '\n') {
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }
        if (pos >= chars.length) {
            throw source.error(startLine, col, "unterminated raw string");
        }
        String value = text.substring(contentStart, pos);
        pos++;
        return new Token(TokenType.RAW_STRING, value, startLine, col, start, pos, nl);
    }
}
