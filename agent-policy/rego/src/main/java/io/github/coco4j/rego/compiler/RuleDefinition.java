package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Rule;

/** A rule together with the module scope its names resolve in. */
public record RuleDefinition(Rule rule, ModuleScope scope) {
}
