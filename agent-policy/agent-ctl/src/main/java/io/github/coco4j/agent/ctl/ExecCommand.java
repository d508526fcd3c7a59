package io.github.coco4j.agent.ctl;

import com.google.protobuf.ByteString;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.CloseStdinRequest;
import io.github.coco4j.proto.kata.ExecProcessRequest;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.ReadStreamRequest;
import io.github.coco4j.proto.kata.WaitProcessRequest;
import io.github.coco4j.proto.kata.WriteStreamRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code exec [-i] [-t] CID -- CMD…}: the ExecProcessRequest the shim sends for {@code oc exec},
 * then the process's output streamed and its exit status returned; 126 when the policy refuses.
 * With {@code -t} the process has a terminal, whose output (stdout and stderr as one) arrives on
 * stdout; with {@code -i} this command's stdin is sent to the process, else its stdin is closed at
 * once (^D for a terminal).
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a command in a container as 'oc exec' does; exits with its status (126 when the policy refuses).")
final class ExecCommand implements Callable<Integer> {
    static final int REFUSED = 126;
    private static final int CHUNK = 32 * 1024;

    @ParentCommand
    AgentCtl ctl;

    @Option(names = {"-t", "--tty"}, description = "give the process a terminal, as 'oc exec -t' does")
    boolean tty;

    @Option(names = {"-i", "--stdin"}, description = "send this command's stdin to the process, as 'oc exec -i' does")
    boolean stdin;

    @Parameters(index = "0", paramLabel = "CID", description = "the container id")
    String containerId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "the command and its arguments (after --)")
    List<String> command;

    @Override
    public Integer call() {
        String execId = UUID.randomUUID().toString();
        return ctl.withAgent(s -> {
            try {
                s.agent().execProcess(ExecProcessRequest.newBuilder().setContainerId(containerId).setExecId(execId)
                        .setProcess(Process.newBuilder().setTerminal(tty).addAllArgs(command).setCwd("/")
                                .addEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
                    ctl.err.println(e.getStatus().getDescription());
                    return REFUSED;
                }
                throw e;
            }
            if (stdin) {
                Thread sender = new Thread(() -> send(s.agent(), execId), "stdin");
                // It may still wait for input when the process has ended.
                sender.setDaemon(true);
                sender.start();
            } else {
                closeStdin(s.agent(), execId);
            }
            Thread stderr = new Thread(() -> copy(s.agent(), execId, true, ctl.err), "stderr");
            stderr.start();
            copy(s.agent(), execId, false, ctl.out);
            try {
                stderr.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return s.agent().waitProcess(WaitProcessRequest.newBuilder().setContainerId(containerId).setExecId(execId).build())
                    .getStatus();
        });
    }

    /** Sends this command's stdin to the process as it comes, then closes the process's stdin. */
    private void send(AgentServiceGrpc.AgentServiceBlockingStub agent, String execId) {
        byte[] chunk = new byte[CHUNK];
        try {
            for (int n = System.in.read(chunk); n >= 0; n = System.in.read(chunk)) {
                agent.writeStdin(WriteStreamRequest.newBuilder().setContainerId(containerId).setExecId(execId)
                        .setData(ByteString.copyFrom(chunk, 0, n)).build());
            }
            closeStdin(agent, execId);
        } catch (IOException | StatusRuntimeException e) {
            // our stdin, the process or the connection ended first: nothing left to send
        }
    }

    private void closeStdin(AgentServiceGrpc.AgentServiceBlockingStub agent, String execId) {
        agent.closeStdin(CloseStdinRequest.newBuilder().setContainerId(containerId).setExecId(execId).build());
    }

    /** Reads a stream until the agent returns no data (end of stream). */
    private void copy(AgentServiceGrpc.AgentServiceBlockingStub agent, String execId, boolean fromStderr, OutputStream to) {
        ReadStreamRequest request = ReadStreamRequest.newBuilder().setContainerId(containerId).setExecId(execId).setLen(CHUNK).build();
        try {
            while (true) {
                byte[] data = (fromStderr ? agent.readStderr(request) : agent.readStdout(request)).getData().toByteArray();
                if (data.length == 0) {
                    return;
                }
                to.write(data);
                to.flush();
            }
        } catch (IOException e) {
            // our own output is gone: nothing left to copy to
        }
    }
}
