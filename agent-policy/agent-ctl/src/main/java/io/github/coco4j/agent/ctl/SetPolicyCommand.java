package io.github.coco4j.agent.ctl;

import io.github.coco4j.proto.kata.SetPolicyRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "set-policy", mixinStandardHelpOptions = true,
        description = "Replace the agent's policy (the current policy must allow SetPolicyRequest).")
final class SetPolicyCommand implements Callable<Integer> {
    @ParentCommand
    AgentCtl ctl;

    @Parameters(paramLabel = "FILE", description = "the new policy (Rego)")
    Path file;

    @Override
    public Integer call() throws Exception {
        String policy = Files.readString(file);
        return ctl.withAgent(s -> {
            s.agent().setPolicy(SetPolicyRequest.newBuilder().setPolicy(policy).build());
            return 0;
        });
    }
}
