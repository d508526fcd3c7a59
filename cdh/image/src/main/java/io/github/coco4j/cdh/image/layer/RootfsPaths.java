package io.github.coco4j.cdh.image.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Paths inside a rootfs that cannot leave it. Names from a layer must be relative and free of
 * {@code ..}; their directories are resolved as inside a chroot — a symlink on the way is followed
 * with the rootfs as {@code /}, and {@code ..} stops at the rootfs — and the last component is never
 * followed, so no write lands outside whatever links earlier layers made.
 */
final class RootfsPaths {
    private static final int MAX_LINK_HOPS = 40;

    private final Path root;

    RootfsPaths(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /** The components of an entry name, refused when it is absolute or climbs with {@code ..}. */
    static List<String> components(String name) throws IOException {
        if (name.startsWith("/")) {
            throw new IOException("absolute path " + name + " in a layer");
        }
        List<String> out = new java.util.ArrayList<>();
        for (String c : name.split("/")) {
            if (c.equals("..")) {
                throw new IOException("path " + name + " climbs out of the rootfs with ..");
            }
            if (!c.isEmpty() && !c.equals(".")) {
                out.add(c);
            }
        }
        return out;
    }

    /** Where the entry goes: its parent resolved in the rootfs, the last component as it is. */
    Path resolve(List<String> components) throws IOException {
        if (components.isEmpty()) {
            return root;
        }
        Path parent = resolveAll(components.subList(0, components.size() - 1));
        return parent.resolve(components.get(components.size() - 1));
    }

    /** Every component resolved, symlinks followed inside the rootfs. */
    private Path resolveAll(List<String> components) throws IOException {
        Deque<String> pending = new ArrayDeque<>(components);
        Path current = root;
        int hops = 0;
        while (!pending.isEmpty()) {
            String c = pending.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                current = current.equals(root) ? root : current.getParent();
                continue;
            }
            Path next = current.resolve(c);
            if (Files.isSymbolicLink(next)) {
                if (++hops > MAX_LINK_HOPS) {
                    throw new IOException("too many symbolic links under " + root.relativize(next));
                }
                String target = Files.readSymbolicLink(next).toString();
                if (target.startsWith("/")) {
                    current = root;
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    pending.addFirst(parts[i]);
                }
                continue;
            }
            if (Files.exists(next, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(root.relativize(next) + " is not a directory");
            }
            current = next;
        }
        return current;
    }
}
