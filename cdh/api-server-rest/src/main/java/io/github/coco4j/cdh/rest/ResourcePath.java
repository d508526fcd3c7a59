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
     * Unreserved URI characters, and escapes of anything else: {@link RequestTarget} has already
     * refused escaped separators, dots and controls.
     */
    private static final Pattern SEGMENT = Pattern.compile("(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+");

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
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("bad resource path segment '" + segment + "'");
            }
        }
        return new ResourcePath(segments[0], segments[1], segments[2]);
    }

    /** The resource URI for the data hub: no KBS address, so the data hub uses its configured KBS. */
    public String kbsUri() {
        return "kbs:///" + repo + "/" + type + "/" + tag;
    }
}
