package io.github.coco4j.rego.lexer;

import io.github.coco4j.rego.RegoException;

/** A named policy text, for positions in messages. */
public record Source(String name, String text) {
    /** {@code file:line:col: message}, followed by the line and a caret under the column. */
    public RegoException error(int line, int column, String message) {
        String[] lines = text.split("\n", -1);
        String context = line >= 1 && line <= lines.length ? lines[line - 1] : "";
        return new RegoException(name + ":" + line + ":" + column + ": error: " + message + "\n"
                + context + "\n" + " ".repeat(Math.max(0, column - 1)) + "^");
    }
}
