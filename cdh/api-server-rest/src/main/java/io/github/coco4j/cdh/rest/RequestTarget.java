package io.github.coco4j.cdh.rest;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request target of one request: its raw (still percent-encoded) path and its query
 * parameters. Parsing refuses every path that could mean something else after decoding or
 * normalisation, so that no route, nor a backend that decodes again, sees a path escape.
 */
public final class RequestTarget {
    private final String rawPath;
    private final Map<String, List<String>> parameters;

    private RequestTarget(String rawPath, Map<String, List<String>> parameters) {
        this.rawPath = rawPath;
        this.parameters = parameters;
    }

    /**
     * Parses an origin-form target ({@code /path?query}).
     *
     * @throws IllegalArgumentException with the reason when the target is refused
     */
    public static RequestTarget parse(String uri) {
        if (!uri.startsWith("/")) {
            throw new IllegalArgumentException("not an origin-form request target");
        }
        int query = uri.indexOf('?');
        String rawPath = query < 0 ? uri : uri.substring(0, query);
        checkPath(rawPath);
        // Upstream parses the query as a form: '+' is a space, ';' is an ordinary character.
        QueryStringDecoder decoder = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, 64, true);
        return new RequestTarget(rawPath, decoder.parameters());
    }

    public String rawPath() {
        return rawPath;
    }

    /** The last value of {@code name}, as upstream keeps the last of repeated parameters. */
    public Optional<String> parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    private static void checkPath(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("dot segment in path");
            }
            checkSegment(segment);
        }
    }

    /**
     * Refuses separators and dots hidden in escapes ({@code %2f}, {@code %5c}, {@code %2e}), escaped
     * escapes ({@code %25}) that a second decoding would turn into those, control characters and
     * malformed escapes.
     */
    private static void checkSegment(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("control character or backslash in path");
            }
            if (c != '%') {
                continue;
            }
            int value = i + 2 < segment.length() ? hexByte(segment.charAt(i + 1), segment.charAt(i + 2)) : -1;
            if (value < 0) {
                throw new IllegalArgumentException("malformed percent escape in path");
            }
            if (value == '/' || value == '\\' || value == '.' || value == '%' || value < 0x20 || value == 0x7f) {
                throw new IllegalArgumentException("escaped separator, dot or control character in path");
            }
            i += 2;
        }
    }

    private static int hexByte(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
