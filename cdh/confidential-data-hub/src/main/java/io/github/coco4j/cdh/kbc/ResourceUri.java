package io.github.coco4j.cdh.kbc;

import java.util.regex.Pattern;

/**
 * {@code kbs://[host[:port]]/<repo>/<type>/<tag>}: a resource in a KBS (the host part is ignored:
 * the KBC talks to its configured KBS). Segments are non-empty, not {@code .} or {@code ..}, and
 * made of safe characters, so a resource path can never escape its repository.
 */
public record ResourceUri(String repository, String type, String tag) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
    private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9.\\-]*(:[0-9]{1,5})?");

    public ResourceUri {
        check("repository", repository);
        check("type", type);
        check("tag", tag);
    }

    public static ResourceUri parse(String uri) {
        if (uri == null || !uri.startsWith("kbs://")) {
            throw new IllegalArgumentException("resource URI must be kbs://[host[:port]]/<repo>/<type>/<tag>");
        }
        String rest = uri.substring("kbs://".length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !AUTHORITY.matcher(rest.substring(0, slash)).matches()) {
            throw new IllegalArgumentException("resource URI must be kbs://[host[:port]]/<repo>/<type>/<tag>");
        }
        String[] parts = rest.substring(slash + 1).split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("resource URI must name <repo>/<type>/<tag> after the host");
        }
        return new ResourceUri(parts[0], parts[1], parts[2]);
    }

    private static void check(String what, String segment) {
        if (segment == null || !SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.contains("..")) {
            throw new IllegalArgumentException("resource " + what + " must be a plain name");
        }
    }

    /** {@code repo/type/tag}. */
    public String path() {
        return repository + "/" + type + "/" + tag;
    }

    @Override
    public String toString() {
        return "kbs:///" + path();
    }
}
