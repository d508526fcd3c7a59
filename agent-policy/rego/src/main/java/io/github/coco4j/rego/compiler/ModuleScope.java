package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Module;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What bare names mean inside one module: its package's node (rule names) and its imports
 * (alias to absolute path, starting with {@code data} or {@code input}).
 */
public final class ModuleScope {
    private final Module module;
    private final DocumentNode packageNode;
    private final Map<String, List<String>> imports;
    private Map<String, DocumentNode> rules;

    public ModuleScope(Module module, DocumentNode packageNode, Map<String, List<String>> imports) {
        this.module = module;
        this.packageNode = packageNode;
        this.imports = imports;
    }

    public Module module() {
        return module;
    }

    public DocumentNode packageNode() {
        return packageNode;
    }

    public Map<String, List<String>> imports() {
        return imports;
    }

    /**
     * Whether a bare name, unless a local shadows it, refers outside the body: {@code input},
     * {@code data}, an import or a rule of the package.
     */
    public boolean isGlobalName(String name) {
        return name.equals("input") || name.equals("data") || imports.containsKey(name) || rule(name) != null;
    }

    /**
     * The node of the package's rules named {@code name} (a rule, or rules nested below it), or
     * null. Evaluation asks this for nearly every variable, so the names are gathered into a hash
     * map once, on the first question: by then the package's rules are all known (modules are
     * compiled before they are evaluated).
     */
    public DocumentNode rule(String name) {
        if (rules == null) {
            Map<String, DocumentNode> named = new HashMap<>();
            if (packageNode != null) {
                packageNode.children().forEach((child, node) -> {
                    if (node.hasRules()) {
                        named.put(child, node);
                    }
                });
            }
            // Published through an unmodifiable view (a final field): evaluations on other
            // threads that race to here see either null or the whole map.
            rules = Collections.unmodifiableMap(named);
        }
        return rules.get(name);
    }
}
