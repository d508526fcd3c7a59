package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Module;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What bare names mean inside one module: its package's node (rule names) and its imports
 * (alias to absolute path, starting with {@code data} or {@code input}).
 */
public final class ModuleScope {
    private final Module module;
    private final DocumentNode packageNode;
    private final Map<String, List<String>> imports;
    private Set<String> globalNames;

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
     * {@code data}, an import or a rule of the package. Evaluation asks this for every variable
     * it may bind, so the names are gathered once, on the first question: by then the package's
     * rules are all known (modules are compiled before they are evaluated).
     */
    public boolean isGlobalName(String name) {
        if (globalNames == null) {
            Set<String> names = new HashSet<>(imports.keySet());
            names.add("input");
            names.add("data");
            if (packageNode != null) {
                packageNode.children().forEach((child, node) -> {
                    if (node.hasRules()) {
                        names.add(child);
                    }
                });
            }
            // Published through an unmodifiable view (a final field): evaluations on other
            // threads that race to here see either null or the whole set. A HashSet rather than
            // Set.copyOf, whose probing is slower for a question asked this often.
            globalNames = Collections.unmodifiableSet(names);
        }
        return globalNames.contains(name);
    }
}
