package io.github.coco4j.policy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.eval.Failure;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.rego.value.ValueWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code agent-policy explain}: why a policy decides a request as it does. For the deciding rule,
 * each body that was tried without a solution is shown by its first failing expression, with
 * file:line:col and the values its variables had, innermost first: the first line is usually
 * the check that denied the request.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show, for the rule that decides a request, the first failing expression of each body tried.")
final class ExplainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    AgentPolicyCli cli;

    @Mixin
    PolicyOptions policy;

    @Option(names = "--request", required = true, paramLabel = "FILE", description = "The request as the policy's input (JSON).")
    Path request;

    @Option(names = "--kind", defaultValue = "CreateContainerRequest", paramLabel = "KIND",
            description = "The request's kind, naming the deciding rule data.agent_policy.KIND (default: ${DEFAULT-VALUE}).")
    String kind;

    @Override
    public Integer call() throws Exception {
        Engine engine = policy.load();
        engine.setInput(Json.toValue(JSON.readTree(request.toFile())));
        String rule = "data.agent_policy." + kind;
        Value decision = engine.evalRule(rule);
        cli.out.println(rule + " = " + (decision == null ? "undefined" : ValueWriter.printable(decision)));
        List<Failure> failures = engine.explain(rule);
        if (failures.isEmpty()) {
            cli.out.println("no body failed");
        }
        for (Failure failure : failures) {
            cli.out.println("  " + failure);
        }
        return 0;
    }
}
