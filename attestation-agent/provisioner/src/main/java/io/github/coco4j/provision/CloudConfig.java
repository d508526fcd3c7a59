package io.github.coco4j.provision;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The part of cloud-init user-data that peer pods use: {@code write_files} entries with a
 * {@code path} and a {@code content}. As upstream, the document is read strictly: any other key
 * is an error, so a typo cannot silently drop a file.
 */
public record CloudConfig(List<WriteFile> writeFiles) {
    /** A key given twice is refused: which of the two would count is easy to get wrong. */
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public record WriteFile(String path, String content) {
    }

    public static CloudConfig parse(byte[] userData) throws ProvisionException {
        JsonNode root;
        try (JsonParser parser = YAML.createParser(userData)) {
            root = JsonTrees.read(parser);
        } catch (IOException e) {
            throw new ProvisionException("user-data is not YAML: " + firstLine(e.getMessage()));
        }
        List<WriteFile> files = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new CloudConfig(files);
        }
        if (!root.isObject()) {
            throw new ProvisionException("user-data must be a cloud-config mapping");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("write_files")) {
                throw new ProvisionException("user-data key '" + key + "' is not supported (only write_files)");
            }
        }
        JsonNode entries = root.path("write_files");
        if (entries.isMissingNode() || entries.isNull()) {
            return new CloudConfig(files);
        }
        if (!entries.isArray()) {
            throw new ProvisionException("user-data write_files must be a list");
        }
        for (JsonNode entry : entries) {
            files.add(writeFile(entry));
        }
        return new CloudConfig(List.copyOf(files));
    }

    private static WriteFile writeFile(JsonNode entry) throws ProvisionException {
        if (!entry.isObject()) {
            throw new ProvisionException("user-data write_files entries must be mappings with path and content");
        }
        for (Iterator<String> keys = entry.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!Set.of("path", "content").contains(key)) {
                throw new ProvisionException("user-data write_files key '" + key + "' is not supported (path, content)");
            }
        }
        JsonNode path = entry.get("path");
        if (path == null || !path.isTextual() || path.asText().isEmpty()) {
            throw new ProvisionException("user-data write_files entry without a path");
        }
        JsonNode content = entry.get("content");
        if (content != null && !content.isTextual() && !content.isNull()) {
            throw new ProvisionException("user-data write_files content of " + path.asText() + " must be a string");
        }
        return new WriteFile(path.asText(), content == null || content.isNull() ? "" : content.asText());
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
