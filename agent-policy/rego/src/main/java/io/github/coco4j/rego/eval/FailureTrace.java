package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.ast.Literal;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.rego.value.ValueWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The deepest expression one body reached, so that a body without solutions can say where it stopped. */
final class FailureTrace {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Longer values are cut: an explanation names them, it does not dump the request. */
    private static final int MAX_VALUE_CHARS = 160;

    private int deepest = -1;
    private Failure failure;

    /** Notes that expression {@code index} of the body is being tried with {@code env}. */
    void reached(int index, Literal literal, Env env) {
        if (index <= deepest) {
            return;
        }
        deepest = index;
        String line = sourceLine(literal);
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = NAME.matcher(line);
        while (m.find()) {
            Value v = env.lookup(m.group());
            if (v != null) {
                String text = ValueWriter.printable(v);
                values.put(m.group(), text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "…" : text);
            }
        }
        failure = new Failure(literal.position(), line, values);
    }

    Failure failure() {
        return failure;
    }

    private static String sourceLine(Literal literal) {
        String[] lines = literal.position().source().text().split("\n", -1);
        int line = literal.position().line();
        return line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
    }
}
