package io.github.coco4j.agent.ctl;

import io.github.coco4j.proto.kata.RemoveContainerRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a container (its processes are killed).")
final class RemoveCommand implements Callable<Integer> {
    @ParentCommand
    AgentCtl ctl;

    @Parameters(paramLabel = "CID", description = "the container id")
    String containerId;

    @Override
    public Integer call() {
        return ctl.withAgent(s -> {
            s.agent().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(containerId).build());
            return 0;
        });
    }
}
