package io.github.coco4j.agent.service;

import io.github.coco4j.agent.backend.ContainerBackend;
import io.github.coco4j.proto.kata.CgroupStats;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Spec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the container runtime: records each call as "method container exec", answers
 * reads with "out:EXEC", and throws {@link #failWith} instead when it is set.
 */
final class RecordingBackend implements ContainerBackend {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile RuntimeException failWith;
    final BlockingQueue<String> ooms = new LinkedBlockingQueue<>();
    /** The spec each container was created from. */
    final Map<String, Spec> specs = new ConcurrentHashMap<>();

    private void record(String call) {
        calls.add(call);
        if (failWith != null) {
            throw failWith;
        }
    }

    @Override
    public void createSandbox(String hostname, List<String> dns) {
        record("createSandbox " + hostname);
    }

    @Override
    public void destroySandbox() {
        record("destroySandbox");
    }

    @Override
    public void createContainer(String containerId, String execId, Spec spec) {
        record("createContainer " + containerId + " " + execId);
        specs.put(containerId, spec);
    }

    @Override
    public void startContainer(String containerId) {
        record("startContainer " + containerId);
    }

    @Override
    public void removeContainer(String containerId) {
        record("removeContainer " + containerId);
    }

    @Override
    public void exec(String containerId, String execId, Process process) {
        record("exec " + containerId + " " + execId);
    }

    @Override
    public byte[] read(String containerId, String execId, boolean stderr, int max) {
        record((stderr ? "readStderr " : "readStdout ") + containerId + " " + execId);
        return ("out:" + execId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int write(String containerId, String execId, byte[] data) {
        record("write " + containerId + " " + execId);
        return data.length;
    }

    @Override
    public void closeStdin(String containerId, String execId) {
        record("closeStdin " + containerId + " " + execId);
    }

    @Override
    public int waitProcess(String containerId, String execId) {
        record("waitProcess " + containerId + " " + execId);
        return 0;
    }

    @Override
    public void signal(String containerId, String execId, int signal) {
        record("signal " + containerId + " " + execId);
    }

    @Override
    public void pause(String containerId, boolean freeze) {
        record((freeze ? "pause " : "resume ") + containerId);
    }

    @Override
    public CgroupStats stats(String containerId) {
        record("stats " + containerId);
        return CgroupStats.getDefaultInstance();
    }

    /** Answers with the ids put in {@link #ooms}, waiting for one. */
    @Override
    public String awaitOomEvent() throws InterruptedException {
        record("awaitOomEvent");
        return ooms.take();
    }

    @Override
    public void resizeTerminal(String containerId, String execId, int rows, int columns) {
        record("resizeTerminal " + containerId + " " + execId + " " + rows + "x" + columns);
    }
}
