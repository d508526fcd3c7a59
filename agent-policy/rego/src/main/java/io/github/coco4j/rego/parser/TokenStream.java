package io.github.coco4j.rego.parser;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.ast.Position;
import io.github.coco4j.rego.lexer.Lexer;
import io.github.coco4j.rego.lexer.Source;
import io.github.coco4j.rego.lexer.Token;
import io.github.coco4j.rego.lexer.TokenType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tokens of one source with a cursor, and which keywords are in force: Rego v1 has them all;
 * a v0 module gets {@code in}, {@code every}, {@code if} and {@code contains} by importing them
 * from {@code future.keywords} (or all of them with {@code rego.v1}).
 */
final class TokenStream {
    static final Set<String> FUTURE_KEYWORDS = Set.of("in", "every", "if", "contains");
    private static final Set<String> ALWAYS_KEYWORDS = Set.of("package", "import", "default", "not", "with", "as",
            "some", "else", "true", "false", "null");

    final Source source;
    private final List<Token> tokens;
    private int index;
    private final Set<String> futureKeywords = new HashSet<>();
    boolean regoV1;

    TokenStream(Source source, boolean regoV1) {
        this.source = source;
        this.tokens = Lexer.tokenize(source);
        this.regoV1 = regoV1;
        if (regoV1) {
            futureKeywords.addAll(FUTURE_KEYWORDS);
        }
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.type() != TokenType.EOF) {
            index++;
        }
        return t;
    }

    int mark() {
        return index;
    }

    void reset(int mark) {
        index = mark;
    }

    Token previous() {
        return tokens.get(Math.max(0, index - 1));
    }

    boolean at(TokenType type) {
        return peek().type() == type;
    }

    boolean atIdent(String name) {
        return peek().isIdent(name);
    }

    void enableFutureKeyword(String keyword) {
        futureKeywords.add(keyword);
        if (keyword.equals("every")) {
            // `every x in xs` needs `in`: importing `every` alone brings it along, as in OPA.
            futureKeywords.add("in");
        }
    }

    void enableAllFutureKeywords() {
        futureKeywords.addAll(FUTURE_KEYWORDS);
    }

    /** Whether {@code word} is a keyword here (so not a variable name). */
    boolean isKeyword(String word) {
        return ALWAYS_KEYWORDS.contains(word) || futureKeywords.contains(word);
    }

    /** Whether the next token is the keyword {@code word} (in force). */
    boolean atKeyword(String word) {
        return atIdent(word) && isKeyword(word);
    }

    Position position(Token t) {
        return new Position(source, t.line(), t.column());
    }

    Position position() {
        return position(peek());
    }

    Token expect(TokenType type, String context) {
        if (!at(type)) {
            throw error(peek(), "expecting " + type.display() + " " + context + ", found " + peek().describe());
        }
        return next();
    }

    void expectKeyword(String word, String context) {
        if (!atKeyword(word)) {
            throw error(peek(), "expecting `" + word + "` " + context + ", found " + peek().describe());
        }
        next();
    }

    RegoException error(Token at, String message) {
        return source.error(at.line(), at.column(), "rego_parse_error: " + message);
    }
}
