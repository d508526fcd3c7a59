package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Import;
import io.github.coco4j.rego.ast.Module;
import io.github.coco4j.rego.ast.Query;
import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.builtins.BuiltinFunction;
import io.github.coco4j.rego.builtins.Builtins;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns parsed modules into a {@link CompiledPolicy}: rules grouped by path, names of calls
 * resolved to functions or builtins (an unknown one is an error naming it), references flattened,
 * recursion rejected.
 */
public final class Compiler {
    private final Builtins builtins;

    public Compiler(Builtins builtins) {
        this.builtins = builtins;
    }

    public CompiledPolicy compile(List<Module> modules) {
        DocumentNode root = new DocumentNode(List.of());
        List<ModuleScope> scopes = new ArrayList<>();
        for (Module module : modules) {
            DocumentNode pkg = root;
            for (String segment : module.packagePath()) {
                pkg = pkg.childOrCreate(segment);
            }
            pkg.declarePackage();
            ModuleScope scope = new ModuleScope(module, pkg, imports(module));
            scopes.add(scope);
            for (Rule rule : module.rules()) {
                DocumentNode node = pkg;
                for (String segment : rule.path()) {
                    node = node.childOrCreate(segment);
                }
                node.add(new RuleDefinition(rule, scope));
            }
        }
        ConstantConflicts.check(root);
        IdentityHashMap<Expr.Call, Callee> callees = new IdentityHashMap<>();
        IdentityHashMap<Expr.Ref, RefChain> refs = new IdentityHashMap<>();
        IdentityHashMap<Expr, Value> constants = new IdentityHashMap<>();
        for (ModuleScope scope : scopes) {
            checkKinds(scope.module());
            AstWalker walker = walker(root, scope, callees, refs, constants);
            scope.module().rules().forEach(walker::rule);
        }
        RecursionCheck.check(root, scopes, callees, refs);
        return new CompiledPolicy(root, scopes, callees, refs, constants);
    }

    /** Resolves a query's calls and references; names resolve as in {@code scope} (null: no package). */
    public CompiledQuery compileQuery(CompiledPolicy policy, Query query, ModuleScope scope) {
        ModuleScope effective = scope != null ? scope : new ModuleScope(null, null, Map.of());
        IdentityHashMap<Expr.Call, Callee> callees = new IdentityHashMap<>();
        IdentityHashMap<Expr.Ref, RefChain> refs = new IdentityHashMap<>();
        walker(policy.root(), effective, callees, refs, null).query(query);
        return new CompiledQuery(query, effective, callees, refs);
    }

    /**
     * Resolves calls and flattens references; with {@code constants}, also folds literals made only
     * of constants (such as a policy's large data object), so they are built once, not per evaluation.
     */
    private AstWalker walker(DocumentNode root, ModuleScope scope, Map<Expr.Call, Callee> callees,
                             Map<Expr.Ref, RefChain> refs, Map<Expr, Value> constants) {
        return new AstWalker(expr -> {
            if (expr instanceof Expr.Call call) {
                callees.put(call, resolve(root, scope, call));
            } else if (expr instanceof Expr.Ref ref) {
                refs.put(ref, RefChain.of(ref));
            } else if (constants != null) {
                foldConstant(expr, constants);
            }
        });
    }

    private static void foldConstant(Expr expr, Map<Expr, Value> constants) {
        if (expr instanceof Expr.ArrayLiteral || expr instanceof Expr.SetLiteral || expr instanceof Expr.ObjectLiteral) {
            // Records the literal and the constant literals inside it, which are visited next.
            ConstantConflicts.valueOf(expr, constants);
        }
    }

    private static Map<String, List<String>> imports(Module module) {
        Map<String, List<String>> imports = new LinkedHashMap<>();
        for (Import imp : module.imports()) {
            String root = imp.path().get(0);
            if (root.equals("data") || root.equals("input")) {
                imports.put(imp.alias(), imp.path());
            }
        }
        return imports;
    }

    /** A rule name must not be both a function and a value rule. */
    private static void checkKinds(Module module) {
        Map<String, Rule.Kind> kinds = new LinkedHashMap<>();
        for (Rule rule : module.rules()) {
            boolean function = rule.kind() == Rule.Kind.FUNCTION;
            Rule.Kind previous = kinds.putIfAbsent(rule.name(), rule.kind());
            if (previous != null && (previous == Rule.Kind.FUNCTION) != function) {
                throw rule.position().error("rule `" + rule.name() + "` is defined both as a function and as a value");
            }
        }
    }

    private Callee resolve(DocumentNode root, ModuleScope scope, Expr.Call call) {
        List<String> name = functionName(call.function());
        if (name == null) {
            throw call.position().error("invalid function expression");
        }
        List<String> aliased = scope.imports().get(name.get(0));
        if (aliased != null) {
            List<String> full = new ArrayList<>(aliased);
            full.addAll(name.subList(1, name.size()));
            name = full;
        }
        String dotted = String.join(".", name);
        DocumentNode function = name.get(0).equals("data")
                ? root.descend(name.subList(1, name.size()))
                : scope.packageNode() == null ? null : scope.packageNode().descend(name);
        if (function != null && function.definesFunction()) {
            checkArity(call, dotted, function);
            return new Callee.Function(dotted, function);
        }
        if (dotted.equals("print")) {
            return new Callee.Print(dotted);
        }
        BuiltinFunction builtin = builtins.lookup(dotted);
        if (builtin != null && !(builtin.deprecated() && scope.module() != null && scope.module().regoV1())) {
            int given = call.args().size();
            if (given != builtin.arity() && given != builtin.arity() + 1) {
                throw call.position().error("`" + dotted + "` expects " + builtin.arity()
                        + (builtin.arity() == 1 ? " argument" : " arguments"));
            }
            return new Callee.Builtin(dotted, builtin);
        }
        throw call.position().error("rego_type_error: could not find function " + dotted);
    }

    private static void checkArity(Expr.Call call, String name, DocumentNode function) {
        for (RuleDefinition definition : function.functions()) {
            int declared = definition.rule().args().size();
            int given = call.args().size();
            if (given != declared && given != declared + 1) {
                throw call.position().error("mismatch in number of arguments. supplied " + given
                        + ", expected " + declared + " for " + name);
            }
        }
    }

    /** {@code f} or {@code a.b.f} as segments; null when the callee is not a plain name. */
    static List<String> functionName(Expr function) {
        if (function instanceof Expr.Var v) {
            return new ArrayList<>(List.of(v.name()));
        }
        if (function instanceof Expr.Ref r && r.dotted() && r.index() instanceof Expr.Scalar s
                && s.value() instanceof io.github.coco4j.rego.value.StringValue field) {
            List<String> head = functionName(r.head());
            if (head != null) {
                head.add(field.value());
            }
            return head;
        }
        return null;
    }
}
