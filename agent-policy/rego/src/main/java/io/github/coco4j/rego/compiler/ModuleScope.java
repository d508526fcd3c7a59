package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Module;
import java.util.List;
import java.util.Map;

/**
 * What bare names mean inside one module: its package's node (rule names) and its imports
 * (alias to absolute path, starting with {@code data} or {@code input}).
 */
public record ModuleScope(Module module, DocumentNode packageNode, Map<String, List<String>> imports) {
}
