package io.github.coco4j.rego.ast;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.lexer.Source;

/** Where a construct starts in its source. */
public record Position(Source source, int line, int column) {
    public RegoException error(String message) {
        return source.error(line, column, message);
    }
}
