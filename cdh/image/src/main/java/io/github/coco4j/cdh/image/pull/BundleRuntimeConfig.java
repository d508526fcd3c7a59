package io.github.coco4j.cdh.image.pull;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.files.AtomicFiles;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <bundle>/config.json}: the OCI runtime config image-rs makes from the image configuration
 * (its {@code create_runtime_config}, after the image spec's "conversion to OCI runtime
 * configuration"), so that the agent can run the image's own process. Hostname {@code image-rs};
 * {@code process.args} = Entrypoint + Cmd, {@code env}, {@code cwd} = WorkingDir, with the defaults
 * of an OCI process where the image says nothing; labels and the image's os and architecture as
 * annotations; each volume a tmpfs mount. Where image-rs leaves {@code User} unparsed (root), a
 * numeric {@code uid[:gid]} is carried over; a user name still means root, as upstream.
 */
final class BundleRuntimeConfig {
    static final String FILE = "config.json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern NUMERIC_USER = Pattern.compile("(\\d{1,10})(?::(\\d{1,10}))?");
    /** oci-spec's defaults for a process image-rs fills in (Process::default). */
    private static final List<String> DEFAULT_ARGS = List.of("sh");
    private static final List<String> DEFAULT_ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "TERM=xterm");

    private BundleRuntimeConfig() {
    }

    static void write(Path bundle, JsonNode imageConfig) throws ImageException {
        Path file = bundle.resolve(FILE);
        try {
            // Indented (Jackson's default pretty printer), for whoever reads the bundle.
            String json = JsonTrees.write(of(imageConfig), new DefaultPrettyPrinter());
            AtomicFiles.write(file, json.getBytes(StandardCharsets.UTF_8), "rw-r--r--");
        } catch (IOException e) {
            throw new ImageException(Stage.BUNDLE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode of(JsonNode imageConfig) {
        JsonNode config = imageConfig.path("config");
        ObjectNode spec = NODES.objectNode();
        spec.put("ociVersion", "1.0.2");
        spec.putObject("root").put("path", BundleRootfs.ROOTFS);
        spec.put("hostname", "image-rs");
        spec.set("process", process(config));
        ArrayNode mounts = spec.putArray("mounts");
        config.path("Volumes").fieldNames().forEachRemaining(volume -> tmpfs(mounts.addObject(), volume));
        spec.set("annotations", annotations(imageConfig, config));
        return spec;
    }

    private static ObjectNode process(JsonNode config) {
        ObjectNode process = NODES.objectNode();
        process.put("terminal", false);
        user(process.putObject("user"), config.path("User").asText(""));
        ArrayNode args = process.putArray("args");
        config.path("Entrypoint").forEach(args::add);
        config.path("Cmd").forEach(args::add);
        if (args.isEmpty()) {
            DEFAULT_ARGS.forEach(args::add);
        }
        ArrayNode env = process.putArray("env");
        config.path("Env").forEach(env::add);
        if (!config.has("Env")) {
            DEFAULT_ENV.forEach(env::add);
        }
        String cwd = config.path("WorkingDir").asText("");
        process.put("cwd", cwd.isEmpty() ? "/" : cwd);
        return process;
    }

    private static void user(ObjectNode user, String imageUser) {
        Matcher numeric = NUMERIC_USER.matcher(imageUser);
        boolean carried = numeric.matches();
        user.put("uid", carried ? Long.parseLong(numeric.group(1)) : 0);
        user.put("gid", carried && numeric.group(2) != null ? Long.parseLong(numeric.group(2)) : 0);
    }

    private static void tmpfs(ObjectNode mount, String destination) {
        mount.put("destination", destination);
        mount.put("type", "tmpfs");
        ArrayNode options = mount.putArray("options");
        List.of("nosuid", "noexec", "nodev", "relatime", "rw").forEach(options::add);
    }

    /** Labels win over the implicit annotations, as the conversion says. */
    private static ObjectNode annotations(JsonNode imageConfig, JsonNode config) {
        ObjectNode annotations = NODES.objectNode();
        annotations.put("org.opencontainers.image.os", imageConfig.path("os").asText(""));
        annotations.put("org.opencontainers.image.architecture", imageConfig.path("architecture").asText(""));
        if (config.hasNonNull("StopSignal")) {
            annotations.put("org.opencontainers.image.stopSignal", config.path("StopSignal").asText());
        }
        config.path("Labels").fields().forEachRemaining(label -> annotations.put(label.getKey(), label.getValue().asText()));
        return annotations;
    }
}
