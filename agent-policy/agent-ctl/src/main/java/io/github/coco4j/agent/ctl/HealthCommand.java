package io.github.coco4j.agent.ctl;

import io.github.coco4j.proto.kata.CheckRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "health", mixinStandardHelpOptions = true, description = "Print the agent's health status and version.")
final class HealthCommand implements Callable<Integer> {
    @ParentCommand
    AgentCtl ctl;

    @Override
    public Integer call() {
        return ctl.withAgent(s -> {
            ctl.out.println(s.health().check(CheckRequest.getDefaultInstance()).getStatus()
                    + " " + s.health().version(CheckRequest.getDefaultInstance()).getAgentVersion());
            return 0;
        });
    }
}
