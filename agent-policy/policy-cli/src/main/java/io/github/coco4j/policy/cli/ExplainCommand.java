package io.github.coco4j.policy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.policy.decisionlog.DecisionLog;
import io.github.coco4j.policy.decisionlog.DecisionLogEntry;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.eval.Failure;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.rego.value.ValueWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code agent-policy explain}: why a policy decides a request as it does. For the deciding rule,
 * each body that was tried without a solution is shown by its first failing expression, with
 * file:line:col and the values its variables had, innermost first: the first line is usually
 * the check that denied the request. The request is a JSON file (a bare input, or a decision-log
 * line, which brings its kind) or a line of the agent's decision log.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show, for the rule that decides a request, the first failing expression of each body tried.")
final class ExplainCommand implements Callable<Integer> {
    private static final String DEFAULT_KIND = "CreateContainerRequest";

    @ParentCommand
    AgentPolicyCli cli;

    @Mixin
    PolicyOptions policy;

    @ArgGroup(multiplicity = "1")
    RequestSource source;

    @Option(names = "--kind", paramLabel = "KIND", description = "The request's kind, naming the deciding rule "
            + "data.agent_policy.KIND (default: the decision-log line's, else " + DEFAULT_KIND + ").")
    String kind;

    /** Where the request comes from: a file, or one line of a decision log. */
    static final class RequestSource {
        @Option(names = "--request", required = true, paramLabel = "FILE",
                description = "The request as the policy's input (JSON), or a decision-log line {\"kind\":…,\"request\":…}.")
        Path request;

        @ArgGroup(exclusive = false)
        LogLine logLine;
    }

    static final class LogLine {
        @Option(names = "--decision-log", required = true, paramLabel = "FILE", description = "The agent's decision log.")
        Path file;

        @Option(names = "--line", required = true, paramLabel = "N", description = "The line of the request, from 1.")
        int number;
    }

    @Override
    public Integer call() throws Exception {
        DecisionLogEntry entry = entry();
        String rule = "data.agent_policy." + (kind != null ? kind : entry.kind());
        Engine engine = policy.load();
        engine.setInput(entry.request());
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

    /** The request with its kind: the logged one, or the default for a bare input. */
    private DecisionLogEntry entry() throws IOException {
        if (source.logLine != null) {
            return DecisionLog.line(source.logLine.file, source.logLine.number);
        }
        JsonNode node = JsonTrees.read(source.request);
        return DecisionLog.isEntry(node) ? DecisionLog.entry(source.request.toString(), node)
                : new DecisionLogEntry(DEFAULT_KIND, Json.toValue(node));
    }
}
