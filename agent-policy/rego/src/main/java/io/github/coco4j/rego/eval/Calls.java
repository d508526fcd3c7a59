package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.builtins.BuiltinException;
import io.github.coco4j.rego.compiler.Callee;
import io.github.coco4j.rego.compiler.CompiledQuery;
import io.github.coco4j.rego.compiler.DocumentNode;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.rego.value.ValueWriter;
import java.util.List;

/**
 * Calls of functions, builtins and {@code print}. A call given one argument more than the
 * callee takes unifies that argument with the result ({@code count(x, n)}).
 */
final class Calls {
    private final Evaluation evaluation;
    private final StringBuilder printLine = new StringBuilder();

    Calls(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    boolean call(Expr.Call call, Env env, ValueSink k) {
        Callee callee = callee(call);
        if (callee instanceof Callee.Print) {
            return print(call, env, k);
        }
        List<Expr> args = call.args();
        if (callee instanceof Callee.Builtin b && args.size() != b.function().arity()) {
            int arity = b.function().arity();
            throw call.position().error("`" + b.name() + "` expects " + arity + (arity == 1 ? " argument" : " arguments"));
        }
        return Composites.all(evaluation, args, 0, new Value[args.size()], env, values -> {
            Value result = invoke(call, callee, values.clone());
            return result == null || k.accept(result);
        });
    }

    boolean isOutputCall(Expr expr) {
        if (!(expr instanceof Expr.Call call)) {
            return false;
        }
        Callee callee = callee(call);
        return !(callee instanceof Callee.Print) && call.args().size() == arity(callee) + 1;
    }

    boolean callWithOutput(Expr.Call call, Env env, Next k) {
        Callee callee = callee(call);
        int arity = arity(callee);
        List<Expr> inputs = call.args().subList(0, arity);
        Expr output = call.args().get(arity);
        boolean relation = callee instanceof Callee.Builtin b && b.name().equals(io.github.coco4j.rego.builtins.GraphBuiltins.WALK);
        return Composites.all(evaluation, inputs, 0, new Value[arity], env, values -> {
            Value result = invoke(call, callee, values.clone());
            if (result == null) {
                return true;
            }
            if (!relation) {
                return evaluation.unifier().unify(output, result, env, k);
            }
            // walk relates its input to each [path, value] pair: one solution per pair.
            for (Value pair : ((ArrayValue) result).asList()) {
                if (!evaluation.unifier().unify(output, pair, env, k)) {
                    return false;
                }
            }
            return true;
        });
    }

    private Callee callee(Expr.Call call) {
        Callee callee = evaluation.policy.callee(call);
        if (callee == null) {
            CompiledQuery query = evaluation.currentQuery();
            callee = query == null ? null : query.callees().get(call);
        }
        if (callee == null) {
            throw call.position().error("rego_type_error: could not find function");
        }
        return callee;
    }

    private static int arity(Callee callee) {
        if (callee instanceof Callee.Builtin b) {
            return b.function().arity();
        }
        DocumentNode node = ((Callee.Function) callee).node();
        return node.functions().isEmpty()
                ? node.defaultRule().rule().args().size()
                : node.functions().get(0).rule().args().size();
    }

    private Value invoke(Expr.Call call, Callee callee, Value[] args) {
        Object replacement = evaluation.state.functionOverrides.isEmpty() ? null
                : evaluation.state.functionOverrides.get(callee instanceof Callee.Function f ? f.node().dottedPath() : callee.name());
        if (replacement instanceof Value v) {
            return v;
        }
        if (replacement instanceof Callee mock) {
            // Inside a mock no function is replaced: a mock calling the function it replaces
            // gets the original, and mocks never call each other (as in OPA).
            return evaluation.state.withoutFunctionOverrides(() -> invokeTarget(call, mock, args));
        }
        return invokeTarget(call, callee, args);
    }

    private Value invokeTarget(Expr.Call call, Callee target, Value[] args) {
        if (target instanceof Callee.Function f) {
            return evaluation.rules.call(f.node(), args, call.position());
        }
        try {
            Value result = ((Callee.Builtin) target).function().body().apply(evaluation, args);
            evaluation.state.built(cells(result), call.position());
            return result;
        } catch (BuiltinException e) {
            if (evaluation.state.strict()) {
                throw evaluation.error(call.position(), new RegoException(e.code() + ": " + e.getMessage(), e));
            }
            return null;
        } catch (RegoException e) {
            throw evaluation.error(call.position(), e);
        }
    }

    /** The cells a builtin's result takes (see {@link Limits}); what it holds was counted when built. */
    private static long cells(Value result) {
        if (result instanceof ArrayValue a) {
            return a.size();
        }
        if (result instanceof SetValue s) {
            return s.size();
        }
        if (result instanceof ObjectValue o) {
            return o.size();
        }
        return result instanceof StringValue s ? s.value().length() / 16 : 0;
    }

    /** {@code <file>:<line>: <args joined by spaces>}; an undefined argument prints {@code <undefined>}. */
    private boolean print(Expr.Call call, Env env, ValueSink k) {
        List<Expr> args = call.args();
        // All arguments first: one may call a function that prints, and the line is built in
        // the one buffer this evaluation reuses for its lines (long ones, regrown otherwise).
        Value[] values = new Value[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = evaluation.first(args.get(i), env);
        }
        printLine.setLength(0);
        printLine.append(call.position().source().name()).append(':').append(call.position().line()).append(": ");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                printLine.append(' ');
            }
            if (values[i] == null) {
                printLine.append("<undefined>");
            } else {
                ValueWriter.printable(values[i], printLine);
            }
        }
        evaluation.state.prints().add(printLine.toString());
        return k.accept(BoolValue.TRUE);
    }
}
