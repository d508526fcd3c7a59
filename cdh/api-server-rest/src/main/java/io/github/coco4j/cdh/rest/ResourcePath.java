package io.github.coco4j.cdh.rest;

import java.util.regex.Pattern;

/**
 * The {@code <repo>/<type>/<tag>} of a resource request and the resource URI the data hub is asked
 * for. Upstream forwards whatever follows {@code /cdh/resource}; here anything but exactly three
 * plain segments is refused, so the request can never name another place in the KBS repository.
 */
public record ResourcePath(String repo, String type, String tag) {
    public static final String PREFIX = "/cdh/resource/";

    /**
     * A resource name segment as the data hub accepts it, after decoding: whatever passes here
     * reaches the hub as a valid name, so a request is either refused here (400) or answered by
     * the hub, never failed there for its syntax.
     */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    /**
     * @param rawPath the raw request path, starting with {@link #PREFIX}
     * @throws IllegalArgumentException with the reason when the path is refused
     */
    public static ResourcePath parse(String rawPath) {
        if (!rawPath.startsWith(PREFIX)) {
            throw new IllegalArgumentException("resource path must be " + PREFIX + "<repo>/<type>/<tag>");
        }
        String[] segments = rawPath.substring(PREFIX.length()).split("/", -1);
        if (segments.length != 3) {
            throw new IllegalArgumentException("resource path must have exactly three segments <repo>/<type>/<tag>");
        }
        for (int i = 0; i < segments.length; i++) {
            String decoded = decode(segments[i]);
            if (!SEGMENT.matcher(decoded).matches()) {
                throw new IllegalArgumentException("bad resource path segment '" + segments[i] + "'");
            }
            segments[i] = decoded;
        }
        return new ResourcePath(segments[0], segments[1], segments[2]);
    }

    /**
     * Decodes percent escapes (RFC 3986: an escaped unreserved character is that character), so
     * {@code key%31} names {@code key1}; {@link RequestTarget} has already refused malformed escapes.
     * Escapes of other characters decode to what {@link #SEGMENT} then refuses.
     */
    private static String decode(String segment) {
        StringBuilder decoded = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                decoded.append((char) Integer.parseInt(segment, i + 1, i + 3, 16));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    /** The resource URI for the data hub: no KBS address, so the data hub uses its configured KBS. */
    public String kbsUri() {
        return "kbs:///" + repo + "/" + type + "/" + tag;
    }
}
