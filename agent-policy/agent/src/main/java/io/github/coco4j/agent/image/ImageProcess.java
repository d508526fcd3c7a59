package io.github.coco4j.agent.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process of a bundle's OCI runtime config (the pulled image's, or the guest's pause bundle's),
 * and how it meets the request's. Kata runs the request's process as sent: containerd already filled
 * it from the image configuration on the host. A request that leaves parts empty (agent-ctl's, say)
 * gets them from the image as containerd would: the image's args when it has none, the image's env
 * under its own (its entries win by name), the image's cwd and user when it names none.
 */
final class ImageProcess {
    private ImageProcess() {
    }

    /** The process of {@code config} (a runtime config.json); empty when there is no such file. */
    static Process read(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            return Process.getDefaultInstance();
        }
        JsonNode process = JsonTrees.read(config).path("process");
        if (!process.isObject()) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, config + " has no process");
        }
        Process.Builder out = Process.newBuilder().setCwd(process.path("cwd").asText(""))
                .setUser(User.newBuilder().setUID(process.path("user").path("uid").asInt())
                        .setGID(process.path("user").path("gid").asInt()));
        process.path("args").forEach(a -> out.addArgs(a.asText()));
        process.path("env").forEach(e -> out.addEnv(e.asText()));
        return out.build();
    }

    static Process merge(Process request, Process image) {
        Process.Builder merged = request.toBuilder();
        if (request.getArgsCount() == 0) {
            merged.addAllArgs(image.getArgsList());
        }
        merged.clearEnv().addAllEnv(env(image.getEnvList(), request.getEnvList()));
        if (request.getCwd().isEmpty()) {
            merged.setCwd(image.getCwd());
        }
        if (!request.hasUser()) {
            merged.setUser(image.getUser());
        }
        return merged.build();
    }

    /** containerd's order: the image's variables, each replaced by the request's of the same name, then the request's others. */
    private static List<String> env(List<String> image, List<String> request) {
        Map<String, String> byName = new LinkedHashMap<>();
        image.forEach(entry -> byName.put(name(entry), entry));
        request.forEach(entry -> byName.put(name(entry), entry));
        return List.copyOf(byName.values());
    }

    private static String name(String entry) {
        int equals = entry.indexOf('=');
        return equals < 0 ? entry : entry.substring(0, equals);
    }
}
