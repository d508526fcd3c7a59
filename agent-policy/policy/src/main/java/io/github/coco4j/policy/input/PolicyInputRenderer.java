package io.github.coco4j.policy.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.github.coco4j.proto.kata.CopyFileRequest;
import java.math.BigInteger;
import java.util.List;

/**
 * Renders an agent request the way Kata's agent hands it to the policy (its serde rendering of
 * the Rust protobuf types), not protobuf's JSON mapping: .proto field names, enums as integers,
 * unset messages and proto3 optionals as null, every other field present with its default,
 * 64-bit integers as numbers, bytes as arrays of integers, oneofs as {@code {"Variant": value}},
 * and CopyFileRequest in its pre-processed form (see {@link CopyFileInput}).
 */
public final class PolicyInputRenderer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PolicyInputRenderer() {
    }

    public static ObjectNode render(Message request) {
        return render(request.getDescriptorForType(), request);
    }

    /**
     * Renders a request whose type the caller knows, such as a server from its method's
     * descriptor. A generated message's own {@code getDescriptorForType()} first looks up every
     * accessor of its type by reflection.
     */
    public static ObjectNode render(Descriptor type, Message request) {
        if (request instanceof CopyFileRequest copy) {
            return CopyFileInput.render(copy);
        }
        return message(dynamic(type, request));
    }

    /**
     * The request read back through its type's descriptor. A generated message answers
     * {@code getField} by reflection on its accessors, which makes the JVM build method handles
     * and generate classes for every message type a pod's first requests touch; a dynamic
     * message keeps its fields in a map.
     */
    private static Message dynamic(Descriptor type, Message request) {
        try {
            return DynamicMessage.parseFrom(type, request.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(type.getName() + ": the request does not read back as its type", e);
        }
    }

    private static ObjectNode message(Message message) {
        ObjectNode node = NODES.objectNode();
        Descriptor descriptor = message.getDescriptorForType();
        for (FieldDescriptor field : descriptor.getFields()) {
            if (!FieldNames.isRealOneof(field)) {
                node.set(FieldNames.key(field), field(message, field));
            }
        }
        for (OneofDescriptor oneof : descriptor.getRealOneofs()) {
            FieldDescriptor set = message.getOneofFieldDescriptor(oneof);
            node.set(FieldNames.key(oneof), set == null ? NODES.nullNode()
                    : NODES.objectNode().set(FieldNames.variant(set), single(set, message.getField(set))));
        }
        return node;
    }

    private static JsonNode field(Message message, FieldDescriptor field) {
        if (field.isMapField()) {
            ObjectNode map = NODES.objectNode();
            FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
            FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
            for (Object entry : (List<?>) message.getField(field)) {
                Message e = (Message) entry;
                map.set(String.valueOf(e.getField(keyField)), single(valueField, e.getField(valueField)));
            }
            return map;
        }
        if (field.isRepeated()) {
            ArrayNode array = NODES.arrayNode();
            for (Object value : (List<?>) message.getField(field)) {
                array.add(single(field, value));
            }
            return array;
        }
        if (field.hasPresence() && !message.hasField(field)) {
            return NODES.nullNode();
        }
        return single(field, message.getField(field));
    }

    private static JsonNode single(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case MESSAGE -> message((Message) value);
            case ENUM -> NODES.numberNode(((EnumValueDescriptor) value).getNumber());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case STRING -> NODES.textNode((String) value);
            case BYTE_STRING -> bytes((ByteString) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case INT -> unsigned32(field) ? NODES.numberNode(Integer.toUnsignedLong((Integer) value)) : NODES.numberNode((Integer) value);
            case LONG -> unsigned64(field) && (Long) value < 0
                    ? NODES.numberNode(new BigInteger(Long.toUnsignedString((Long) value)))
                    : NODES.numberNode((Long) value);
        };
    }

    private static boolean unsigned32(FieldDescriptor field) {
        return field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.FIXED32;
    }

    private static boolean unsigned64(FieldDescriptor field) {
        return field.getType() == FieldDescriptor.Type.UINT64 || field.getType() == FieldDescriptor.Type.FIXED64;
    }

    private static ArrayNode bytes(ByteString value) {
        ArrayNode array = NODES.arrayNode(value.size());
        for (int i = 0; i < value.size(); i++) {
            array.add(value.byteAt(i) & 0xFF);
        }
        return array;
    }
}
