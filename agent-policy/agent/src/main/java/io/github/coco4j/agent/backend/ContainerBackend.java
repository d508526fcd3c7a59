package io.github.coco4j.agent.backend;

import io.github.coco4j.proto.kata.CgroupStats;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Spec;
import java.io.IOException;
import java.util.List;

/**
 * What AgentService asks of the sandbox once the policy allowed a request: the pod, its
 * containers and their processes (tracked by container_id and exec_id as the Kata agent does; an
 * empty exec_id names the container's init); what is not about containers is the
 * {@link GuestBackend}'s. A request that cannot be carried out throws {@link AgentException},
 * whose kind is the call's status.
 */
public interface ContainerBackend {
    /** Records the pod's hostname and DNS servers for its containers. */
    void createSandbox(String hostname, List<String> dns) throws IOException;

    /** Removes every container. */
    void destroySandbox();

    /** Creates (not starts) a container from its OCI spec; {@code execId} names its init process. */
    void createContainer(String containerId, String execId, Spec spec) throws IOException;

    /** Starts the container's init; returns once it runs. */
    void startContainer(String containerId) throws IOException;

    /** Kills the container's processes and deletes it. */
    void removeContainer(String containerId);

    /** Starts a process in a started container; returns once it runs. */
    void exec(String containerId, String execId, Process process) throws IOException;

    /** Up to {@code max} bytes of the process's stdout or stderr, waiting for some; empty at its end. */
    byte[] read(String containerId, String execId, boolean stderr, int max) throws InterruptedException;

    /** Writes to the process's stdin; returns the bytes written. */
    int write(String containerId, String execId, byte[] data);

    void closeStdin(String containerId, String execId);

    /** Waits for the process to end; returns its exit status. */
    int waitProcess(String containerId, String execId) throws InterruptedException;

    void signal(String containerId, String execId, int signal) throws IOException, InterruptedException;

    /** Freezes ({@code freeze}) or thaws every process of the container. */
    void pause(String containerId, boolean freeze) throws IOException, InterruptedException;

    /** The container's cgroup statistics. */
    CgroupStats stats(String containerId) throws IOException;

    /** Waits until a container's process is killed for lack of memory; returns the container's id. */
    String awaitOomEvent() throws InterruptedException;

    /** Resizes the terminal of a process started with one (OCI {@code process.terminal}). */
    void resizeTerminal(String containerId, String execId, int rows, int columns) throws IOException, InterruptedException;
}
