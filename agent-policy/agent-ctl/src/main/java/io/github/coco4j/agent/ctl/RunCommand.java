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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Create the sandbox and a container from a minimal OCI spec, and start it: on a root filesystem "
                + "in the guest, or on an image the guest pulls through its data hub.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    AgentCtl ctl;

    @Option(names = "--id", required = true, paramLabel = "CID", description = "container id")
    String containerId;

    @ArgGroup(multiplicity = "1")
    RootSource root;

    /** Where the container's root comes from: one of the two. */
    static final class RootSource {
        @Option(names = "--rootfs", paramLabel = "DIR", description = "root filesystem (a directory in the guest)")
        Path rootfs;

        @Option(names = "--image", paramLabel = "REF", description = "image the guest pulls (an image_guest_pull storage, "
                + "as the shim sends it); its Entrypoint + Cmd run when no CMD is given")
        String image;
    }

    @Option(names = "--bind", paramLabel = "SRC:DST", description = "read-only bind mount into the container (repeatable)")
    List<String> binds = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "CMD", description = "the container's process (after --); required with --rootfs")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        CreateContainerRequest.Builder create = CreateContainerRequest.newBuilder().setContainerId(containerId).setExecId(containerId);
        Spec.Builder spec = Spec.newBuilder().setVersion("1.0.2").setHostname(containerId);
        if (root.image != null) {
            // The image's env, cwd and user apply: the agent fills from the image what the request leaves empty.
            spec.setProcess(Process.newBuilder().addAllArgs(command));
            create.addStorages(ImageGuestPull.storage(root.image, containerId));
        } else if (command.isEmpty()) {
            throw new IllegalArgumentException("--rootfs needs the container's command (after --)");
        } else {
            spec.setRoot(Root.newBuilder().setPath(root.rootfs.toAbsolutePath().toString()))
                    .setProcess(Process.newBuilder().addAllArgs(command).setCwd("/")
                            .addEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        }
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
            s.agent().createContainer(create.setOCI(spec).build());
            s.agent().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build());
            return 0;
        });
    }
}
