package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node of the data document's virtual part: the rules and functions defined at a path such as
 * {@code data.agent_policy.allow}, and the nodes below it.
 */
public final class DocumentNode {
    private final List<String> path;
    private final Map<String, DocumentNode> children = new TreeMap<>();
    private final List<RuleDefinition> rules = new ArrayList<>();
    private final List<RuleDefinition> functions = new ArrayList<>();
    private RuleDefinition defaultRule;
    private Rule conflictingRule;
    private boolean packageDeclared;

    DocumentNode(List<String> path) {
        this.path = List.copyOf(path);
    }

    /** Segments from the data root, without {@code data}. */
    public List<String> path() {
        return path;
    }

    public String dottedPath() {
        return path.isEmpty() ? "data" : "data." + String.join(".", path);
    }

    public DocumentNode child(String name) {
        return children.get(name);
    }

    /** The node {@code path} below this one, or null. */
    public DocumentNode descend(List<String> path) {
        DocumentNode at = this;
        for (int i = 0; i < path.size() && at != null; i++) {
            at = at.child(path.get(i));
        }
        return at;
    }

    public Map<String, DocumentNode> children() {
        return Collections.unmodifiableMap(children);
    }

    /** The non-default value rules (complete, partial set or partial object) defined here. */
    public List<RuleDefinition> rules() {
        return rules;
    }

    public List<RuleDefinition> functions() {
        return functions;
    }

    public RuleDefinition defaultRule() {
        return defaultRule;
    }

    /** A constant rule conflicting with an earlier one for the same value, or null. */
    public Rule conflictingRule() {
        return conflictingRule;
    }

    void conflict(Rule rule) {
        conflictingRule = rule;
    }

    public boolean definesValue() {
        return !rules.isEmpty() || (defaultRule != null && defaultRule.rule().kind() != Rule.Kind.FUNCTION);
    }

    public boolean definesFunction() {
        return !functions.isEmpty() || (defaultRule != null && defaultRule.rule().kind() == Rule.Kind.FUNCTION);
    }

    /** Whether rules are defined here or below. */
    public boolean hasRules() {
        return definesValue() || !children.isEmpty();
    }

    /** Whether a module declares this package: its document exists, an empty object at least. */
    public boolean packageDeclared() {
        return packageDeclared;
    }

    void declarePackage() {
        packageDeclared = true;
    }

    DocumentNode childOrCreate(String name) {
        return children.computeIfAbsent(name, n -> {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(n);
            return new DocumentNode(childPath);
        });
    }

    void add(RuleDefinition definition) {
        Rule rule = definition.rule();
        if (rule.isDefault()) {
            if (defaultRule != null) {
                throw rule.position().error("multiple default rules " + dottedPath() + " found");
            }
            defaultRule = definition;
        } else if (rule.kind() == Rule.Kind.FUNCTION) {
            functions.add(definition);
        } else {
            rules.add(definition);
        }
    }

    @Override
    public String toString() {
        return dottedPath();
    }
}
