package io.github.coco4j.rego.ast;

import io.github.coco4j.rego.lexer.Source;
import java.util.List;

/** A parsed policy file: its package (e.g. {@code [agent_policy]}), imports and rules. */
public record Module(Source source, Position position, List<String> packagePath, List<Import> imports, List<Rule> rules,
                     boolean regoV1) {
}
