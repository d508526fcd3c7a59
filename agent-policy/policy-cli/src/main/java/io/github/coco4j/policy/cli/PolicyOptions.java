package io.github.coco4j.policy.cli;

import io.github.coco4j.policy.gate.PolicyGate;
import io.github.coco4j.rego.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that load a policy. */
final class PolicyOptions {
    @Option(names = "--policy", required = true, arity = "1..*", paramLabel = "FILE", description = "Rego module(s) to load.")
    List<Path> policies;

    @Option(names = "--v0", description = "Parse the modules as Rego v0 (default: v1).")
    boolean v0;

    @Option(names = "--name", paramLabel = "NAME",
            description = "File name used for the (first) policy in print lines and errors (default: the path given).")
    String name;

    /** The policy enforcement point over the (single) policy, as the agent loads it at startup. */
    PolicyGate gate() throws IOException {
        if (policies.size() != 1) {
            throw new IllegalArgumentException("the agent's semantics apply to exactly one --policy file");
        }
        Path file = policies.get(0);
        return PolicyGate.load(name != null ? name : file.toString(), Files.readString(file), !v0, null);
    }

    /** A non-strict engine, as the agent runs it, with the modules loaded and compiled. */
    Engine load() throws IOException {
        Engine engine = new Engine();
        for (int i = 0; i < policies.size(); i++) {
            Path file = policies.get(i);
            String label = i == 0 && name != null ? name : file.toString();
            engine.addPolicy(label, Files.readString(file), !v0);
        }
        engine.compile();
        return engine;
    }
}
