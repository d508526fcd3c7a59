package io.github.coco4j.agent.ctl;

import io.github.coco4j.proto.kata.CreateContainerRequest;
import io.github.coco4j.proto.kata.CreateSandboxRequest;
import io.github.coco4j.proto.kata.Mount;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Root;
import io.github.coco4j.proto.kata.Spec;
import io.github.coco4j.proto.kata.StartContainerRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Create the sandbox and a container from a minimal OCI spec, and start it.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    AgentCtl ctl;

    @Option(names = "--id", required = true, paramLabel = "CID", description = "container id")
    String containerId;

    @Option(names = "--rootfs", required = true, paramLabel = "DIR", description = "root filesystem (a directory in the guest)")
    Path rootfs;

    @Option(names = "--bind", paramLabel = "SRC:DST", description = "read-only bind mount into the container (repeatable)")
    List<String> binds = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "the container's process (after --)")
    List<String> command;

    @Override
    public Integer call() {
        Spec.Builder spec = Spec.newBuilder().setVersion("1.0.2").setHostname(containerId)
                .setRoot(Root.newBuilder().setPath(rootfs.toAbsolutePath().toString()))
                .setProcess(Process.newBuilder().addAllArgs(command).setCwd("/")
                        .addEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        for (String bind : binds) {
            int colon = bind.indexOf(':');
            if (colon <= 0 || colon == bind.length() - 1) {
                throw new IllegalArgumentException("--bind wants SRC:DST, not '" + bind + "'");
            }
            spec.addMounts(Mount.newBuilder().setSource(bind.substring(0, colon)).setDestination(bind.substring(colon + 1))
                    .setType("bind").addOptions("rbind").addOptions("ro"));
        }
        return ctl.withAgent(s -> {
            s.agent().createSandbox(CreateSandboxRequest.newBuilder().setHostname(containerId).setSandboxId(containerId).build());
            s.agent().createContainer(CreateContainerRequest.newBuilder().setContainerId(containerId).setExecId(containerId)
                    .setOCI(spec).build());
            s.agent().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build());
            return 0;
        });
    }
}
