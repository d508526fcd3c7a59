package io.github.coco4j.cdh.kbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Resources from local JSON files ({@code {"repo/type/tag": "<standard base64>"}}), upstream's
 * offline_fs_kbc: the keys file, the resources file and the file named by
 * {@code OFFLINE_FS_KBC_EXTRA_FILE_PATH}; files that do not exist are skipped.
 */
public final class OfflineFsKbc implements Kbc {
    public static final Path KEYS = Path.of("/etc/aa-offline_fs_kbc-keys.json");
    public static final Path RESOURCES = Path.of("/etc/aa-offline_fs_kbc-resources.json");
    public static final String EXTRA_FILE_ENV = "OFFLINE_FS_KBC_EXTRA_FILE_PATH";

    private final Map<String, byte[]> resources;

    private OfflineFsKbc(Map<String, byte[]> resources) {
        this.resources = resources;
    }

    public static OfflineFsKbc load(List<Path> files) throws IOException {
        Map<String, byte[]> all = new HashMap<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            JsonNode root = JsonTrees.read(file);
            if (!root.isObject()) {
                throw new IOException(file + ": expected a JSON object of \"repo/type/tag\": base64");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    all.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText()));
                } catch (IllegalArgumentException bad) {
                    throw new IOException(file + ": the value of " + e.getKey() + " is not standard base64");
                }
            }
        }
        return new OfflineFsKbc(all);
    }

    /** The standard files and the extra one from the environment. */
    public static OfflineFsKbc loadDefault() throws IOException {
        String extra = System.getenv(EXTRA_FILE_ENV);
        return extra == null || extra.isBlank() ? load(List.of(KEYS, RESOURCES)) : load(List.of(KEYS, RESOURCES, Path.of(extra)));
    }

    @Override
    public byte[] getResource(ResourceUri uri) throws KbcException {
        byte[] value = resources.get(uri.path());
        if (value == null) {
            throw new KbcException("resource " + uri + " not found in the offline files", true);
        }
        return value.clone();
    }
}
