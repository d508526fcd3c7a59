package io.github.coco4j.agent.runc;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.agent.backend.ContainerBackend;
import io.github.coco4j.agent.cgroups.CgroupStatsReader;
import io.github.coco4j.agent.cgroups.Cgroups;
import io.github.coco4j.agent.cgroups.OomWatch;
import io.github.coco4j.proto.kata.CgroupStats;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Spec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Containers on runc. Each container has a bundle (config.json made from the request's OCI spec)
 * under the state directory; its init process and every exec run as foreground runc commands,
 * tracked by container_id and exec_id as the Kata agent does (an empty exec_id names the init).
 */
public final class RuncBackend implements ContainerBackend, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RuncBackend.class.getName());
    /** Container and exec ids become file names and runc arguments. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    /** How often the containers' OOM counters are read, and how many GetOOMEvent calls may wait (the runtime makes one). */
    private static final Duration OOM_POLL_PERIOD = Duration.ofMillis(200);
    private static final int MAX_OOM_POLLERS = 8;

    private final String runc;
    private final Path stateDir;
    private final String podNetns;
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final OomWatch oomWatch = new OomWatch(this::cgroups, OOM_POLL_PERIOD, MAX_OOM_POLLERS);
    /** Set by {@link #close}: no container is created after it, so none outlives the agent. */
    private volatile boolean closed;

    private static final class Container {
        final String id;
        final Path bundle;
        final String initExecId;
        final boolean initTerminal;
        final Map<String, ContainerProcess> processes = new ConcurrentHashMap<>();
        /** Exec ids whose runc command is starting: taken, though there is no process yet. */
        final java.util.Set<String> starting = new java.util.HashSet<>();
        volatile boolean started;
        /** The init's cgroup v2 directory once it runs; null in a guest without cgroup v2. */
        volatile Path cgroup;
        /** Set (under the container's lock) when it is being removed: it must not start then. */
        boolean removed;

        Container(String id, Path bundle, String initExecId, boolean initTerminal) {
            this.id = id;
            this.bundle = bundle;
            this.initExecId = initExecId;
            this.initTerminal = initTerminal;
        }

        /** Where runc writes the pid of the init or of an exec. */
        Path pidFile(String execId) {
            return bundle.resolve(execId.equals(initExecId) ? "init.pid" : "exec-" + execId + ".pid");
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

    @Override
    public void createSandbox(String hostname, List<String> dns) throws IOException {
        Path sandbox = Files.createDirectories(stateDir.resolve("sandbox"));
        Files.writeString(sandbox.resolve("hostname"), hostname + "\n");
        StringBuilder resolv = new StringBuilder();
        dns.forEach(server -> resolv.append(server.startsWith("nameserver") ? server : "nameserver " + server).append('\n'));
        Files.writeString(sandbox.resolve("resolv.conf"), resolv.toString());
    }

    /** Removes the containers there are; one removed meanwhile by another call is not an error. */
    @Override
    public void destroySandbox() {
        for (String id : List.copyOf(containers.keySet())) {
            Container c = containers.remove(id);
            if (c != null) {
                destroy(c);
            }
        }
    }

    @Override
    public void createContainer(String containerId, String execId, Spec spec) throws IOException {
        checkId("container_id", containerId);
        String rootfs = spec.hasRoot() ? spec.getRoot().getPath() : "";
        if (rootfs.isEmpty() || !Files.isDirectory(Path.of(rootfs))) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT,
                    "the OCI spec's Root.Path '" + rootfs + "' is not a directory in the guest");
        }
        String config = OciConfig.config(spec, rootfs, podNetns);
        Path bundle = stateDir.resolve("bundles").resolve(containerId);
        Container container = new Container(containerId, bundle, execId, spec.getProcess().getTerminal());
        if (containers.putIfAbsent(containerId, container) != null) {
            throw new AgentException(AgentException.Kind.ALREADY_EXISTS, "container " + containerId + " already exists");
        }
        // After the put: either close() sees this container, or this sees closed.
        if (closed) {
            containers.remove(containerId);
            throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "the agent is shutting down");
        }
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("config.json"), config);
    }

    @Override
    public void startContainer(String containerId) throws IOException {
        Container c = container(containerId);
        synchronized (c) {
            if (c.removed) {
                throw new AgentException(AgentException.Kind.NOT_FOUND, "container " + containerId + " does not exist");
            }
            if (c.started) {
                throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "container " + containerId + " is already started");
            }
            ContainerProcess init = start(c, c.initExecId, c.initTerminal, List.of("run", "--bundle", c.bundle.toString()));
            c.processes.put(c.initExecId, init);
            c.started = true;
            try {
                awaitStart(init);
                c.cgroup = cgroupOf(init);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentException(AgentException.Kind.INTERNAL, "interrupted while starting " + containerId);
            }
        }
    }

    @Override
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
        try {
            Files.writeString(spec, processJson);
            ContainerProcess started = start(c, execId, process.getTerminal(), List.of("exec", "--process", spec.toString()));
            c.processes.put(execId, started);
            awaitStart(started);
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
    private static void awaitStart(ContainerProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Path pidFile = process.pidFile();
        while (!Files.exists(pidFile)) {
            if (!process.isAlive() && !Files.exists(pidFile)) {
                String why = new String(process.runcErrors(4096), StandardCharsets.UTF_8).strip();
                throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, "the process did not start: " + why);
            }
            if (System.nanoTime() > deadline) {
                throw new AgentException(AgentException.Kind.INTERNAL, "the process did not start within 30 s");
            }
            Thread.sleep(2);
        }
    }

    private static Path cgroupOf(ContainerProcess init) throws IOException {
        try {
            return Cgroups.ofProcess(init.pid());
        } catch (AgentException | NumberFormatException e) {
            LOG.warning(() -> "no cgroup statistics nor OOM events for " + init.pidFile().getParent().getFileName() + ": " + e.getMessage());
            return null;
        }
    }

    private Map<String, Path> cgroups() {
        return containers.values().stream().filter(c -> c.cgroup != null)
                .collect(Collectors.toMap(c -> c.id, c -> c.cgroup));
    }

    @Override
    public CgroupStats stats(String containerId) throws IOException {
        Path cgroup = container(containerId).cgroup;
        if (cgroup == null) {
            throw new AgentException(AgentException.Kind.FAILED_PRECONDITION,
                    "container " + containerId + " is not started or the guest has no cgroup v2");
        }
        return CgroupStatsReader.read(cgroup);
    }

    @Override
    public String awaitOomEvent() throws InterruptedException {
        return oomWatch.await();
    }

    /** Sets the window size of the process's terminal; "no tty" is Kata's answer for a process without one. */
    @Override
    public void resizeTerminal(String containerId, String execId, int rows, int columns) throws IOException, InterruptedException {
        ContainerProcess p = process(containerId, execId);
        if (!p.terminal()) {
            throw new AgentException(AgentException.Kind.UNAVAILABLE, "no tty");
        }
        // runc sets the container's terminal to the size of its own when the process starts and on
        // SIGWINCH: its own first then, so that runc never undoes the container's, set before answering.
        synchronized (p) {
            command(Terminal.resize(p.relayPid(), rows, columns));
            command(Terminal.resize(p.pid(), rows, columns));
        }
    }

    @Override
    public byte[] read(String containerId, String execId, boolean stderr, int max) throws InterruptedException {
        return process(containerId, execId).read(stderr, Math.max(1, Math.min(max, StreamBuffer.CAPACITY)));
    }

    @Override
    public int write(String containerId, String execId, byte[] data) {
        return process(containerId, execId).write(data);
    }

    @Override
    public void closeStdin(String containerId, String execId) {
        process(containerId, execId).closeStdin();
    }

    /**
     * The exit status; an exec process is then forgotten, output buffers and all, as Kata's agent
     * forgets it once WaitProcess has answered (the shim has read its output by then): otherwise
     * every exec of a long-lived container would stay in memory until the container goes.
     */
    @Override
    public int waitProcess(String containerId, String execId) throws InterruptedException {
        ContainerProcess p = process(containerId, execId);
        int status = p.waitFor();
        Container c = container(containerId);
        if (!p.execId().equals(c.initExecId)) {
            c.processes.remove(p.execId(), p);
        }
        return status;
    }

    @Override
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
        command(List.of("kill", "-s", Integer.toString(signal), Long.toString(p.pid())));
    }

    /** Freezes ({@code runc pause}) or thaws ({@code runc resume}) every process of the container. */
    public void pause(String containerId, boolean freeze) throws IOException, InterruptedException {
        Container c = container(containerId);
        if (!c.started) {
            throw new AgentException(AgentException.Kind.FAILED_PRECONDITION, "container " + containerId + " is not started");
        }
        runc(List.of(freeze ? "pause" : "resume", c.id));
    }

    @Override
    public void removeContainer(String containerId) {
        Container c = containers.remove(containerId);
        if (c == null) {
            throw new AgentException(AgentException.Kind.NOT_FOUND, "container " + containerId + " does not exist");
        }
        destroy(c);
    }

    /** Kills and deletes a container already taken out of the map. */
    private void destroy(Container c) {
        boolean started;
        synchronized (c) {
            c.removed = true;
            started = c.started;
        }
        try {
            if (started) {
                runcQuietly(List.of("kill", "--all", c.id, "KILL"));
                for (ContainerProcess p : c.processes.values()) {
                    p.reap();
                }
                runcQuietly(List.of("delete", "--force", c.id));
            }
            deleteTree(c.bundle);
        } catch (IOException e) {
            LOG.warning(() -> "removing container " + c.id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes every container and refuses new ones; a second call (even a concurrent one) returns once they are gone. */
    @Override
    public synchronized void close() {
        closed = true;
        oomWatch.close();
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

    /** Runs {@code runc ARGS --pid-file FILE ID} for the container's process {@code execId}, in the foreground. */
    private ContainerProcess start(Container c, String execId, boolean terminal, List<String> args) throws IOException {
        Path pidFile = c.pidFile(execId);
        List<String> command = new ArrayList<>(List.of(runc, "--root", stateDir.resolve("runc").toString()));
        command.addAll(args);
        command.addAll(List.of("--pid-file", pidFile.toString(), c.id));
        ProcessBuilder builder = terminal ? Terminal.around(command) : new ProcessBuilder(command);
        return new ContainerProcess(execId, pidFile, terminal, builder.start());
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
