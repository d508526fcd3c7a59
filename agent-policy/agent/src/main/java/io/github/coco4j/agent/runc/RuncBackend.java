package io.github.coco4j.agent.runc;

import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Containers on runc. Each container has a bundle (config.json made from the request's OCI spec)
 * under the state directory; its init process and every exec run as foreground runc commands,
 * tracked by container_id and exec_id as the Kata agent does (an empty exec_id names the init).
 */
public final class RuncBackend implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RuncBackend.class.getName());
    /** Container and exec ids become file names and runc arguments. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final String runc;
    private final Path stateDir;
    private final String podNetns;
    private final Map<String, Container> containers = new ConcurrentHashMap<>();

    private static final class Container {
        final String id;
        final Path bundle;
        final String initExecId;
        final Map<String, ContainerProcess> processes = new ConcurrentHashMap<>();
        /** Exec ids whose runc command is starting: taken, though there is no process yet. */
        final java.util.Set<String> starting = new java.util.HashSet<>();
        volatile boolean started;

        Container(String id, Path bundle, String initExecId) {
            this.id = id;
            this.bundle = bundle;
            this.initExecId = initExecId;
        }
    }

    public RuncBackend(String runcBinary, Path stateDir) throws IOException {
        this(runcBinary, stateDir, null);
    }

    /** {@code podNetns}: the network namespace (a path such as /run/netns/podns) containers join; null for the VM's. */
    public RuncBackend(String runcBinary, Path stateDir, Path podNetns) throws IOException {
        this.runc = runcBinary;
        this.stateDir = stateDir;
        this.podNetns = podNetns == null ? null : podNetns.toString();
        Files.createDirectories(stateDir.resolve("runc"));
        Files.createDirectories(stateDir.resolve("bundles"));
    }

    /** Records the pod's hostname and DNS servers for its containers. */
    public void createSandbox(String hostname, List<String> dns) throws IOException {
        Path sandbox = Files.createDirectories(stateDir.resolve("sandbox"));
        Files.writeString(sandbox.resolve("hostname"), hostname + "\n");
        StringBuilder resolv = new StringBuilder();
        dns.forEach(server -> resolv.append(server.startsWith("nameserver") ? server : "nameserver " + server).append('\n'));
        Files.writeString(sandbox.resolve("resolv.conf"), resolv.toString());
    }

    public void destroySandbox() {
        new ArrayList<>(containers.keySet()).forEach(this::removeContainer);
    }

    public void createContainer(String containerId, String execId, Spec spec) throws IOException {
        checkId("container_id", containerId);
        String rootfs = spec.hasRoot() ? spec.getRoot().getPath() : "";
        if (rootfs.isEmpty() || !Files.isDirectory(Path.of(rootfs))) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT,
                    "the OCI spec's Root.Path '" + rootfs + "' is not a directory in the guest");
        }
        String config = OciConfig.config(spec, rootfs, podNetns);
        Path bundle = stateDir.resolve("bundles").resolve(containerId);
        Container container = new Container(containerId, bundle, execId);
        if (containers.putIfAbsent(containerId, container) != null) {
            throw new AgentException(AgentException.Kind.ALREADY_EXISTS, "container " + containerId + " already exists");
        }
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("config.json"), config);
    }

    public void startContainer(String containerId) throws IOException {
        Container c = container(containerId);
        synchronized (c) {
            if (c.started) {
                throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "container " + containerId + " is already started");
            }
            Path pidFile = c.bundle.resolve("init.pid");
            ContainerProcess init = start(c.initExecId, List.of("run", "--bundle", c.bundle.toString(),
                    "--pid-file", pidFile.toString(), c.id));
            c.processes.put(c.initExecId, init);
            c.started = true;
            try {
                awaitStart(init, pidFile);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentException(AgentException.Kind.INTERNAL, "interrupted while starting " + containerId);
            }
        }
    }

    public void exec(String containerId, String execId, Process process) throws IOException {
        checkId("exec_id", execId);
        Container c = container(containerId);
        if (!c.started) {
            throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "container " + containerId + " is not started");
        }
        String processJson = OciConfig.execProcess(process);
        synchronized (c) {
            if (c.processes.containsKey(execId) || !c.starting.add(execId)) {
                throw new AgentException(AgentException.Kind.ALREADY_EXISTS, "exec " + execId + " already exists in " + containerId);
            }
        }
        Path spec = c.bundle.resolve("exec-" + execId + ".json");
        Path pidFile = c.bundle.resolve("exec-" + execId + ".pid");
        try {
            Files.writeString(spec, processJson);
            ContainerProcess started = start(execId, List.of("exec", "--process", spec.toString(),
                    "--pid-file", pidFile.toString(), c.id));
            synchronized (c) {
                c.processes.put(execId, started);
                c.starting.remove(execId);
            }
            awaitStart(started, pidFile);
        } catch (IOException | RuntimeException | InterruptedException e) {
            c.processes.remove(execId);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof AgentException a ? a : new AgentException(AgentException.Kind.INTERNAL, e.getMessage());
        } finally {
            synchronized (c) {
                c.starting.remove(execId);
            }
        }
    }

    /** Like the Kata agent, StartContainer and ExecProcess answer once the process runs: runc has written its pid. */
    private static void awaitStart(ContainerProcess process, Path pidFile) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(pidFile)) {
            if (!process.isAlive() && !Files.exists(pidFile)) {
                String why = new String(process.read(true, 4096), StandardCharsets.UTF_8).strip();
                throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, "the process did not start: " + why);
            }
            if (System.nanoTime() > deadline) {
                throw new AgentException(AgentException.Kind.INTERNAL, "the process did not start within 30 s");
            }
            Thread.sleep(2);
        }
    }

    public byte[] read(String containerId, String execId, boolean stderr, int max) throws InterruptedException {
        return process(containerId, execId).read(stderr, Math.max(1, Math.min(max, StreamBuffer.CAPACITY)));
    }

    public int write(String containerId, String execId, byte[] data) {
        return process(containerId, execId).write(data);
    }

    public void closeStdin(String containerId, String execId) {
        process(containerId, execId).closeStdin();
    }

    public int waitProcess(String containerId, String execId) throws InterruptedException {
        return process(containerId, execId).waitFor();
    }

    public void signal(String containerId, String execId, int signal) throws IOException, InterruptedException {
        Container c = container(containerId);
        ContainerProcess p = process(containerId, execId);
        if (!p.isAlive()) {
            return;
        }
        if (p.execId().equals(c.initExecId)) {
            runc(List.of("kill", c.id, Integer.toString(signal)));
            return;
        }
        String pid = Files.readString(c.bundle.resolve("exec-" + p.execId() + ".pid")).strip();
        command(List.of("kill", "-s", Integer.toString(signal), pid));
    }

    /** Freezes ({@code runc pause}) or thaws ({@code runc resume}) every process of the container. */
    public void pause(String containerId, boolean freeze) throws IOException, InterruptedException {
        Container c = container(containerId);
        if (!c.started) {
            throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "container " + containerId + " is not started");
        }
        runc(List.of(freeze ? "pause" : "resume", c.id));
    }

    public void removeContainer(String containerId) {
        Container c = containers.remove(containerId);
        if (c == null) {
            throw new AgentException(AgentException.Kind.NOT_FOUND, "container " + containerId + " does not exist");
        }
        try {
            if (c.started) {
                runcQuietly(List.of("kill", "--all", c.id, "KILL"));
                for (ContainerProcess p : c.processes.values()) {
                    p.reap();
                }
                runcQuietly(List.of("delete", "--force", c.id));
            }
            deleteTree(c.bundle);
        } catch (IOException e) {
            LOG.warning(() -> "removing container " + containerId + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        destroySandbox();
    }

    private Container container(String containerId) {
        Container c = containers.get(containerId);
        if (c == null) {
            throw new AgentException(AgentException.Kind.NOT_FOUND, "container " + containerId + " does not exist");
        }
        return c;
    }

    private ContainerProcess process(String containerId, String execId) {
        Container c = container(containerId);
        ContainerProcess p = c.processes.get(execId.isEmpty() ? c.initExecId : execId);
        if (p == null) {
            throw new AgentException(AgentException.Kind.NOT_FOUND,
                    "process " + execId + " does not exist in container " + containerId);
        }
        return p;
    }

    private ContainerProcess start(String execId, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(runc, "--root", stateDir.resolve("runc").toString()));
        command.addAll(args);
        return new ContainerProcess(execId, new ProcessBuilder(command).start());
    }

    private void runc(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(runc, "--root", stateDir.resolve("runc").toString()));
        command.addAll(args);
        command(command);
    }

    private void runcQuietly(List<String> args) throws InterruptedException {
        try {
            runc(args);
        } catch (IOException | AgentException e) {
            LOG.fine(() -> "runc " + args + ": " + e.getMessage());
        }
    }

    private static void command(List<String> command) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AgentException(AgentException.Kind.INTERNAL, String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + " failed: " + new String(output, StandardCharsets.UTF_8).strip());
        }
    }

    private static void checkId(String what, String id) {
        if (!ID.matcher(id).matches()) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, what + " '" + id + "' is not a valid id");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
