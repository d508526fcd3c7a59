package io.github.coco4j.policy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.eval.QueryResult;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code agent-policy eval}: one query, results as JSON on stdout, prints on stderr. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a query; prints {\"result\":[{\"expressions\":[{\"value\":…}],\"bindings\":{…}}]}.")
final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    AgentPolicyCli cli;

    @Mixin
    PolicyOptions policy;

    @Option(names = "--data", paramLabel = "FILE", description = "JSON data document.")
    Path data;

    @Option(names = "--input", paramLabel = "FILE", description = "JSON input document.")
    Path input;

    @Option(names = "--strict", description = "Fail on builtin errors instead of treating them as undefined.")
    boolean strict;

    @Option(names = "--query", required = true, paramLabel = "Q", description = "The query, e.g. data.agent_policy.ExecProcessRequest.")
    String query;

    @Override
    public Integer call() throws Exception {
        Engine engine = policy.load().setStrictBuiltinErrors(strict);
        if (data != null) {
            engine.addData(Json.toValue(JsonTrees.read(data)));
        }
        if (input != null) {
            engine.setInput(Json.toValue(JsonTrees.read(input)));
        }
        List<QueryResult> results = engine.evalQuery(query);
        engine.takePrints().forEach(cli.err::println);
        cli.out.println(JsonTrees.write(render(results)));
        return 0;
    }

    private static ObjectNode render(List<QueryResult> results) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode list = out.putArray("result");
        for (QueryResult r : results) {
            ObjectNode item = list.addObject();
            ArrayNode expressions = item.putArray("expressions");
            for (Value v : r.expressions()) {
                expressions.addObject().set("value", Json.toJson(v));
            }
            if (!r.bindings().isEmpty()) {
                item.set("bindings", Json.toJson(r.bindings()));
            }
        }
        return out;
    }
}
