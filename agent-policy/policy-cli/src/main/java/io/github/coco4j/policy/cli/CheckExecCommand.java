package io.github.coco4j.policy.cli;

import io.github.coco4j.policy.gate.Decision;
import io.github.coco4j.proto.kata.ExecProcessRequest;
import io.github.coco4j.proto.kata.Process;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code agent-policy check … exec -- CMD ARGS…}: the ExecProcessRequest the runtime sends for
 * {@code oc exec POD -- CMD ARGS…}, decided by the policy. Prints {@code allowed} (exit 0) or
 * {@code denied: <message>} (exit 1).
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Would 'oc exec POD -- CMD ARGS…' be allowed? Prints 'allowed' (exit 0) or 'denied: <why>' (exit 1).")
final class CheckExecCommand implements Callable<Integer> {
    @ParentCommand
    CheckCommand check;

    @Option(names = "--container-id", paramLabel = "ID", defaultValue = "0000000000000000000000000000000000000000000000000000000000000000",
            description = "The container the command runs in (default: ${DEFAULT-VALUE}).")
    String containerId;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        ExecProcessRequest request = ExecProcessRequest.newBuilder()
                .setContainerId(containerId)
                .setExecId(UUID.randomUUID().toString())
                .setProcess(Process.newBuilder().addAllArgs(command).setCwd("/").build())
                .build();
        Decision decision = check.gate().check(request);
        if (decision.allowed()) {
            check.cli.out.println("allowed");
            return 0;
        }
        check.cli.out.println("denied: " + decision.message());
        return 1;
    }
}
