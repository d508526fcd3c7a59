package io.github.coco4j.agent.runc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.proto.kata.LinuxNamespace;
import io.github.coco4j.proto.kata.Mount;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Spec;
import java.util.List;

/**
 * The runc {@code config.json} and exec {@code process.json} made from the request's OCI spec: its
 * process, root, hostname and bind mounts, on top of the mounts and namespaces every container
 * gets. A container joins the network namespace its spec names; a spec that asks for a new one
 * (no path) gets the pod's, as the peer-pod forwarder arranges upstream, or the VM's network when
 * no pod namespace is configured.
 */
final class OciConfig {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private OciConfig() {
    }

    static String config(Spec spec, String rootfs, String podNetns) {
        if (!spec.hasProcess() || spec.getProcess().getArgsCount() == 0) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, "the OCI spec has no process args");
        }
        ObjectNode config = NODES.objectNode();
        config.put("ociVersion", spec.getVersion().isEmpty() ? "1.0.2" : spec.getVersion());
        config.set("process", process(spec.getProcess()));
        ObjectNode root = config.putObject("root");
        root.put("path", rootfs);
        root.put("readonly", spec.hasRoot() && spec.getRoot().getReadonly());
        config.put("hostname", spec.getHostname());
        ArrayNode mounts = config.putArray("mounts");
        mount(mounts, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        mount(mounts, "/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"));
        mount(mounts, "/dev/shm", "shm", "tmpfs", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        mount(mounts, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"));
        for (Mount m : spec.getMountsList()) {
            if (m.getType().equals("bind") && !m.getSource().isEmpty()) {
                mount(mounts, m.getDestination(), m.getSource(), "bind", m.getOptionsList());
            }
        }
        ObjectNode linux = config.putObject("linux");
        ArrayNode namespaces = linux.putArray("namespaces");
        for (String ns : List.of("pid", "ipc", "uts", "mount")) {
            namespaces.addObject().put("type", ns);
        }
        String network = networkNamespace(spec, podNetns);
        if (network != null) {
            namespaces.addObject().put("type", "network").put("path", network);
        }
        linux.putArray("maskedPaths").add("/proc/kcore").add("/proc/keys").add("/sys/firmware");
        linux.putArray("readonlyPaths").add("/proc/sys").add("/proc/sysrq-trigger");
        return JsonTrees.write(config);
    }

    private static String networkNamespace(Spec spec, String podNetns) {
        if (!spec.hasLinux()) {
            return podNetns;
        }
        for (LinuxNamespace ns : spec.getLinux().getNamespacesList()) {
            if (ns.getType().equals("network") && !ns.getPath().isEmpty()) {
                return ns.getPath();
            }
        }
        return podNetns;
    }

    /** The process.json of {@code runc exec}. */
    static String execProcess(Process process) {
        if (process.getArgsCount() == 0) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, "the process has no args");
        }
        return JsonTrees.write(process(process));
    }

    private static ObjectNode process(Process p) {
        ObjectNode process = NODES.objectNode();
        process.put("terminal", p.getTerminal());
        ObjectNode user = process.putObject("user");
        user.put("uid", p.hasUser() ? p.getUser().getUID() : 0);
        user.put("gid", p.hasUser() ? p.getUser().getGID() : 0);
        ArrayNode args = process.putArray("args");
        p.getArgsList().forEach(args::add);
        ArrayNode env = process.putArray("env");
        if (p.getEnvCount() == 0) {
            env.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        }
        p.getEnvList().forEach(env::add);
        process.put("cwd", p.getCwd().isEmpty() ? "/" : p.getCwd());
        ObjectNode caps = process.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode list = caps.putArray(set);
            CAPABILITIES.forEach(list::add);
        }
        process.put("noNewPrivileges", p.getNoNewPrivileges());
        return process;
    }

    private static void mount(ArrayNode mounts, String destination, String source, String type, List<String> options) {
        ObjectNode m = mounts.addObject();
        m.put("destination", destination);
        m.put("type", type);
        m.put("source", source);
        ArrayNode opts = m.putArray("options");
        options.forEach(opts::add);
        if (type.equals("bind") && !options.contains("bind") && !options.contains("rbind")) {
            opts.add("rbind");
        }
    }
}
