package io.github.coco4j.policy.cli;

import io.github.coco4j.initdata.Annotation;
import io.github.coco4j.initdata.Initdata;
import io.github.coco4j.policy.gate.PolicyGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent-policy check}: what a policy would decide for a request built from a command line. */
@Command(name = "check", mixinStandardHelpOptions = true, subcommands = CheckExecCommand.class,
        description = "Decide a request against a policy, as the agent would, without a pod.")
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    AgentPolicyCli cli;

    static final class Source {
        @Option(names = "--policy", paramLabel = "FILE", description = "The agent policy (Rego).")
        Path policy;

        @Option(names = "--initdata", paramLabel = "FILE|ANNOTATION",
                description = "The policy.rego of an initdata TOML file, or of a pod's cc_init_data annotation value.")
        String initdata;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--v0", description = "Parse the policy as Rego v0 (default: v1).")
    boolean v0;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a request kind is required, e.g. 'exec'");
    }

    PolicyGate gate() throws Exception {
        if (source.policy != null) {
            return PolicyGate.load(source.policy.toString(), Files.readString(source.policy), !v0, null);
        }
        Path file = Path.of(source.initdata);
        byte[] toml = Files.isRegularFile(file) ? Files.readAllBytes(file) : Annotation.decode(source.initdata.strip());
        String policy = Initdata.parse(toml).data().get("policy.rego");
        if (policy == null) {
            throw new IllegalArgumentException("the initdata has no policy.rego");
        }
        return PolicyGate.load("policy.rego", policy, !v0, null);
    }
}
