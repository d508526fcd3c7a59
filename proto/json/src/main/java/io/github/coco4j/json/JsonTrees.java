package io.github.coco4j.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON documents as Jackson trees ({@link JsonNode}), read and written with jackson-core's
 * streaming parser and generator. Jackson's {@code ObjectMapper} does the same, but making one
 * loads some 250 classes of data binding that a daemon never uses (about 8 MiB of class metadata
 * in every JVM that does); so no daemon makes one, and neither does a node's {@code toString()}
 * here: write a tree with {@link #write(JsonNode)}.
 *
 * <p>Reading is what {@code ObjectMapper.readTree} does, except that anything after the document
 * is an error rather than ignored, and bytes must be UTF-8: integers become int, long or
 * big-integer nodes, fractions double nodes (decimal nodes when the parser reports exact decimals,
 * as YAML's may), a repeated key keeps its last value unless the parser detects duplicates
 * ({@code StreamReadFeature.STRICT_DUPLICATE_DETECTION}), and an empty input is a missing node.
 * Jackson's own limits on nesting depth, string and number length apply.
 */
public final class JsonTrees {
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    public static JsonNode read(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            return read(parser);
        }
    }

    /**
     * The document in {@code json}, which must be UTF-8 (RFC 8259), checked before it is parsed.
     * Jackson's byte parser decodes a field name when it first meets it and then finds it by its
     * bytes in a table that every parser of the factory shares; after millions of other documents
     * (fuzzing, against a fresh ObjectMapper) it took a name with invalid bytes that a fresh parser
     * refuses. What a daemon accepts must not depend on what it read before.
     */
    public static JsonNode read(byte[] json) throws IOException {
        return read(utf8(json));
    }

    /** The document {@code json} holds, read to its end: UTF-8, as {@link #read(byte[])}. */
    public static JsonNode read(InputStream json) throws IOException {
        return read(json.readAllBytes());
    }

    public static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** The text of UTF-8 {@code bytes}, without a leading byte order mark (as Jackson's byte parser skips it). */
    private static String utf8(byte[] bytes) throws CharConversionException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CharConversionException("the document is not UTF-8");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Why a document was refused, in one line: Jackson's message without the location it appends. */
    public static String reason(IOException refusal) {
        return refusal instanceof JsonProcessingException json ? json.getOriginalMessage() : refusal.getMessage();
    }

    /** The one document {@code parser} holds (of any format Jackson parses, YAML too). */
    public static JsonNode read(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            return MissingNode.getInstance();
        }
        JsonNode document = document(parser);
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "unexpected content after the document: " + parser.currentToken());
        }
        return document;
    }

    /**
     * The value at the parser's current token, containers filled without recursion (a stack of
     * the open ones), so that nesting costs heap rather than thread stack.
     */
    private static JsonNode document(JsonParser parser) throws IOException {
        ArrayDeque<JsonNode> open = new ArrayDeque<>();
        ArrayDeque<String> keys = new ArrayDeque<>();
        JsonNode last;
        do {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.FIELD_NAME) {
                keys.push(parser.currentName());
                continue;
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                open.push(token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode());
                continue;
            }
            last = token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY ? open.pop() : scalar(parser, token);
            if (open.isEmpty()) {
                return last;
            }
            if (open.peek() instanceof ObjectNode object) {
                object.set(keys.pop(), last);
            } else {
                ((ArrayNode) open.peek()).add(last);
            }
        } while (parser.nextToken() != null);
        throw new JsonParseException(parser, "unexpected end of the document");
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? NODES.numberNode(parser.getDecimalValue())
                    : NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded(parser);
            default -> throw new JsonParseException(parser, "unexpected token " + token);
        };
    }

    /** YAML's {@code !!binary} values arrive as byte arrays. */
    private static JsonNode embedded(JsonParser parser) throws IOException {
        if (parser.getEmbeddedObject() instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        throw new JsonParseException(parser, "unexpected embedded value");
    }

    /** The tree as compact JSON text. */
    public static String write(JsonNode node) {
        return write(node, (PrettyPrinter) null);
    }

    /** The tree as JSON text laid out by {@code printer} (null: compact). */
    public static String write(JsonNode node, PrettyPrinter printer) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.setPrettyPrinter(printer);
            write(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * The tree as compact JSON in UTF-8, as Jackson's byte generator writes it (which escapes a
     * character outside the Basic Multilingual Plane as its two surrogates, unlike the text's).
     */
    public static byte[] writeBytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            write(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** The tree through {@code generator} (which may pretty-print, or be YAML's). */
    public static void write(JsonNode node, JsonGenerator generator) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    generator.writeFieldName(field.getKey());
                    write(field.getValue(), generator);
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(element, generator);
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case NUMBER -> number(node, generator);
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case BINARY -> generator.writeBinary(node.binaryValue());
            case NULL, MISSING -> generator.writeNull();
            case POJO -> throw new IllegalArgumentException("a tree with a Java object in it cannot be written without data binding");
        }
    }

    private static void number(JsonNode node, JsonGenerator generator) throws IOException {
        switch (node.numberType()) {
            case INT -> generator.writeNumber(node.intValue());
            case LONG -> generator.writeNumber(node.longValue());
            case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
            case FLOAT -> generator.writeNumber(node.floatValue());
            case DOUBLE -> generator.writeNumber(node.doubleValue());
            case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
        }
    }
}
