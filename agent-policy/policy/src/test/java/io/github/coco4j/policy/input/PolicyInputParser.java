package io.github.coco4j.policy.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import io.github.coco4j.proto.kata.CopyFileRequest;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a policy input (a decision-log line's {@code request}) back into its protobuf request:
 * the inverse of {@link PolicyInputRenderer}. Keys the message does not have are errors that
 * name them, so a log of another protocol version is not silently misread; the few fields that
 * earlier Kata versions named differently are read under their old names too. The tests use it
 * to send recorded pods' requests; the agent never reads an input back.
 */
public final class PolicyInputParser {
    /** Fields earlier Kata protocol versions named differently: message → old key → current key. */
    private static final Map<String, Map<String, String>> RENAMED = Map.of("types.Interface", Map.of("pciPath", "devicePath"));

    private PolicyInputParser() {
    }

    @SuppressWarnings("unchecked")
    public static <T extends Message> T parse(JsonNode input, T prototype) {
        if (prototype instanceof CopyFileRequest) {
            return (T) copyFile(input);
        }
        Message.Builder builder = prototype.newBuilderForType();
        merge(input, builder, prototype.getDescriptorForType().getName());
        return (T) builder.build();
    }

    private static void merge(JsonNode node, Message.Builder builder, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object");
        }
        Descriptor descriptor = builder.getDescriptorForType();
        Map<String, FieldDescriptor> fields = new HashMap<>();
        for (FieldDescriptor field : descriptor.getFields()) {
            fields.put(FieldNames.key(field), field);
        }
        Map<String, OneofDescriptor> oneofs = new HashMap<>();
        for (OneofDescriptor oneof : descriptor.getRealOneofs()) {
            oneofs.put(FieldNames.key(oneof), oneof);
        }
        Map<String, String> renamed = RENAMED.getOrDefault(descriptor.getFullName(), Map.of());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = renamed.getOrDefault(entry.getKey(), entry.getKey());
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (oneofs.containsKey(key)) {
                mergeOneof(oneofs.get(key), value, builder, path + "." + key);
            } else if (fields.containsKey(key) && !FieldNames.isRealOneof(fields.get(key))) {
                mergeField(fields.get(key), value, builder, path + "." + key);
            } else {
                throw new IllegalArgumentException(path + ": unknown field '" + key + "'");
            }
        }
    }

    private static void mergeOneof(OneofDescriptor oneof, JsonNode value, Message.Builder builder, String path) {
        if (!value.isObject() || value.size() != 1) {
            throw new IllegalArgumentException(path + ": expected {\"<Variant>\": value}");
        }
        String variant = value.fieldNames().next();
        for (FieldDescriptor field : oneof.getFields()) {
            if (FieldNames.variant(field).equals(variant)) {
                builder.setField(field, single(field, value.get(variant), builder, path));
                return;
            }
        }
        throw new IllegalArgumentException(path + ": unknown variant '" + variant + "'");
    }

    private static void mergeField(FieldDescriptor field, JsonNode value, Message.Builder builder, String path) {
        if (field.isMapField()) {
            FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
            FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Message.Builder entry = builder.newBuilderForField(field);
                entry.setField(keyField, scalarKey(keyField, e.getKey()));
                entry.setField(valueField, single(valueField, e.getValue(), entry, path + "." + e.getKey()));
                builder.addRepeatedField(field, entry.build());
            }
        } else if (field.isRepeated()) {
            if (!value.isArray()) {
                throw new IllegalArgumentException(path + ": expected an array");
            }
            for (JsonNode element : value) {
                builder.addRepeatedField(field, single(field, element, builder, path));
            }
        } else {
            builder.setField(field, single(field, value, builder, path));
        }
    }

    private static Object single(FieldDescriptor field, JsonNode value, Message.Builder parent, String path) {
        return switch (field.getJavaType()) {
            case MESSAGE -> {
                Message.Builder child = parent.newBuilderForField(field);
                merge(value, child, path);
                yield child.build();
            }
            case ENUM -> {
                EnumValueDescriptor known = field.getEnumType().findValueByNumber(value.asInt());
                yield known != null ? known : field.getEnumType().findValueByNumberCreatingIfUnknown(value.asInt());
            }
            case BOOLEAN -> value.asBoolean();
            case STRING -> value.asText();
            case BYTE_STRING -> bytes(value, path);
            case FLOAT -> (float) value.asDouble();
            case DOUBLE -> value.asDouble();
            case INT -> (int) value.asLong();
            case LONG -> value.bigIntegerValue().longValue();
        };
    }

    private static Object scalarKey(FieldDescriptor keyField, String key) {
        return switch (keyField.getJavaType()) {
            case STRING -> key;
            case INT -> (int) Long.parseLong(key);
            case LONG -> Long.parseLong(key);
            case BOOLEAN -> Boolean.parseBoolean(key);
            default -> throw new IllegalArgumentException("unsupported map key type " + keyField.getType());
        };
    }

    private static ByteString bytes(JsonNode value, String path) {
        if (!value.isArray()) {
            throw new IllegalArgumentException(path + ": bytes must be an array of integers");
        }
        byte[] out = new byte[value.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) value.get(i).asInt();
        }
        return ByteString.copyFrom(out);
    }

    /**
     * Back to the request. Inputs of agents that passed the target as {@code symlink_src} are
     * read as well.
     */
    private static CopyFileRequest copyFile(JsonNode node) {
        CopyFileRequest.Builder builder = CopyFileRequest.newBuilder()
                .setPath(node.path("path").asText())
                .setFileSize(node.path("file_size").asLong())
                .setFileMode((int) node.path("file_mode").asLong())
                .setDirMode((int) node.path("dir_mode").asLong())
                .setUid(node.path("uid").asInt())
                .setGid(node.path("gid").asInt())
                .setOffset(node.path("offset").asLong());
        for (String field : new String[] {"symlink_target", "symlink_src"}) {
            JsonNode target = node.get(field);
            if (target != null && target.isTextual()) {
                builder.setData(ByteString.copyFromUtf8(target.asText()));
            }
        }
        return builder.build();
    }
}
