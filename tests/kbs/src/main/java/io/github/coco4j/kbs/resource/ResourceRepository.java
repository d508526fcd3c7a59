package io.github.coco4j.kbs.resource;

import io.github.coco4j.kbs.protocol.KbsError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Resources laid out like Trustee's LocalFs plugin: {@code <dir>/<repository>/<type>/<tag>}. */
public final class ResourceRepository {
    /** What a path segment may hold; everything else (separators, "..", control characters) is refused. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final Path root;

    public ResourceRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Checks a resource path: exactly repository, type and tag, each a plain name. */
    public static void checkPath(List<String> segments) throws KbsError {
        if (segments.size() != 3) {
            throw new KbsError(KbsError.Variant.InvalidRequestPath, "Request path resource/"
                    + String.join("/", segments) + " is invalid: expected resource/<repository>/<type>/<tag>");
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new KbsError(KbsError.Variant.InvalidRequestPath, "Request path resource/"
                        + String.join("/", segments) + " is invalid: '" + segment + "' is not a plain name");
            }
        }
    }

    public byte[] read(List<String> segments) throws KbsError {
        checkPath(segments);
        Path file = root.resolve(segments.get(0)).resolve(segments.get(1)).resolve(segments.get(2)).normalize();
        if (!file.startsWith(root)) {
            throw new KbsError(KbsError.Variant.InvalidRequestPath, "Request path escapes the repository");
        }
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KbsError(KbsError.Variant.ResourceNotFound, "Resource " + String.join("/", segments)
                    + " does not exist");
        } catch (IOException e) {
            throw new KbsError(KbsError.Variant.PluginInternalError, "Plugin internal error: cannot read resource "
                    + String.join("/", segments));
        }
    }
}
