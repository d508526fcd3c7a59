package io.github.coco4j.cdh.image.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies one layer's tar to a rootfs, with OCI whiteouts: {@code .wh.NAME} removes NAME of lower
 * layers, {@code .wh..wh..opq} empties its directory of what lower layers put there. Modes (with
 * setuid/setgid/sticky), ownership (when running as root), modification times and user extended
 * attributes are kept. FIFOs are made; device nodes only when running as root, skipped with a
 * warning otherwise ({@link SpecialFiles}).
 */
public final class LayerUnpacker {
    private static final Logger LOG = Logger.getLogger(LayerUnpacker.class.getName());
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final RootfsPaths rootfs;
    private final boolean privileged;
    private final ExtendedAttributes attributes = new ExtendedAttributes();

    /** {@code privileged}: running as root, so owners are given and device nodes made. */
    public LayerUnpacker(Path rootfs, boolean privileged) throws IOException {
        this.rootfs = new RootfsPaths(rootfs);
        this.privileged = privileged;
    }

    /** Unpacks the tar read from {@code tar}; returns the bytes of file content written. */
    public long apply(InputStream tar, String layerName) throws IOException {
        Set<Path> createdHere = new HashSet<>();
        Map<Path, Integer> directoryModes = new LinkedHashMap<>();
        long written = 0;
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            List<String> components;
            try {
                components = RootfsPaths.components(entry.getName());
            } catch (IOException e) {
                throw new IOException(layerName + ": " + e.getMessage());
            }
            if (components.isEmpty()) {
                continue;
            }
            String last = components.get(components.size() - 1);
            Path target = rootfs.resolve(components);
            if (last.equals(OPAQUE)) {
                emptyOpaque(target.getParent(), createdHere);
            } else if (last.startsWith(WHITEOUT)) {
                deleteTree(target.resolveSibling(last.substring(WHITEOUT.length())));
            } else {
                written += create(entry, in, target, directoryModes, layerName);
                createdHere.add(target);
            }
        }
        // Directory modes last, so a read-only directory could still be filled.
        for (Map.Entry<Path, Integer> d : directoryModes.entrySet()) {
            Files.setAttribute(d.getKey(), "unix:mode", d.getValue(), LinkOption.NOFOLLOW_LINKS);
        }
        return written;
    }

    private long create(TarArchiveEntry entry, InputStream in, Path target, Map<Path, Integer> directoryModes,
                        String layerName) throws IOException {
        long written = 0;
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(target);
                Files.createDirectories(target);
            }
            directoryModes.put(target, entry.getMode() & 07777);
            attributes.apply(entry, target, layerName);
        } else if (entry.isSymbolicLink()) {
            replace(target);
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Path existing = rootfs.resolve(RootfsPaths.components(entry.getLinkName()));
            if (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(layerName + ": hard link " + entry.getName() + " to " + entry.getLinkName()
                        + ", which is not a file of the rootfs");
            }
            replace(target);
            Files.createLink(target, existing);
            return 0;
        } else if (isRegularFile(entry)) {
            replace(target);
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                written = in.transferTo(out);
            }
            attributes.apply(entry, target, layerName);
        } else if (SpecialFiles.isSpecial(entry)) {
            makeSpecial(entry, target, layerName);
            return 0;
        } else {
            LOG.warning(() -> layerName + ": skipping " + entry.getName() + " (tar entry type " + (char) entry.getLinkFlag() + ")");
            return 0;
        }
        finish(entry, target);
        return written;
    }

    private void finish(TarArchiveEntry entry, Path target) throws IOException {
        // The JDK offers no lchown: a symbolic link keeps the unpacker's owner, which nothing checks.
        if (!entry.isSymbolicLink()) {
            giveOwner(entry, target);
        }
        if (isRegularFile(entry)) {
            // After chown, which clears setuid and setgid.
            Files.setAttribute(target, "unix:mode", entry.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
        }
        if (!entry.isSymbolicLink()) {
            Files.setLastModifiedTime(target, FileTime.from(entry.getLastModifiedTime().toInstant()));
        }
    }

    private void makeSpecial(TarArchiveEntry entry, Path target, String layerName) throws IOException {
        if (!entry.isFIFO() && !privileged) {
            LOG.warning(() -> layerName + ": skipping device node " + entry.getName() + " (making one needs root)");
            return;
        }
        replace(target);
        try {
            SpecialFiles.make(entry, target);
            giveOwner(entry, target);
            SpecialFiles.touch(entry, target);
        } catch (IOException e) {
            throw new IOException(layerName + ": " + entry.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The entry's owner, when running as root (otherwise everything stays the unpacker's). */
    private void giveOwner(TarArchiveEntry entry, Path target) throws IOException {
        if (privileged) {
            Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** commons-compress calls every non-directory without a special type a file, symbolic links included. */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.isFile() && !entry.isSymbolicLink() && !entry.isLink() && !entry.isCharacterDevice()
                && !entry.isBlockDevice() && !entry.isFIFO();
    }

    /** What a new entry replaces goes first; a directory stays only when a directory replaces it. */
    private static void replace(Path target) throws IOException {
        deleteTree(target);
        Files.createDirectories(target.getParent());
    }

    private void emptyOpaque(Path directory, Set<Path> createdHere) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory);
            return;
        }
        List<Path> lower = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            children.forEach(c -> {
                if (!createdHere.contains(c)) {
                    lower.add(c);
                }
            });
        }
        for (Path c : lower) {
            deleteTree(c);
        }
    }

    /** Removes a file, a link (never what it points to) or a whole directory. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
