package io.github.coco4j.agent.files;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.proto.kata.CopyFileRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * CopyFile as the Kata agent does it: the host writes files, directories and symlinks beneath the
 * shared directory, never outside it. The request's path must name something under the root;
 * its parents are created with dir_mode (the immediate one owned by uid/gid), and a parent that
 * is a symlink may only lead back under the root. A regular file arrives in chunks (offset,
 * file_size) into a temporary file renamed over the target once it has file_size bytes. A symlink
 * made here may point anywhere: whoever follows it must treat the directory as the host's.
 *
 * <p>The agent is the only writer beneath the root besides the host's requests, which arrive one
 * at a time per path, so checking each component before using it is enough.
 */
public final class SharedFiles {
    /** The guest directory the Kata runtime copies container files into. */
    public static final Path KATA_SHARED_DIR = Path.of("/run/kata-containers/shared/containers");
    /** The largest file accepted: enough for any config map or secret (Kubernetes caps them at 1 MiB). */
    public static final long DEFAULT_MAX_FILE_SIZE = 256L << 20;

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    /** Kata's masks: implicit directories get plain permissions, targets may have setuid/setgid/sticky. */
    private static final int IMPLICIT_DIRECTORY_MASK = 0777;
    private static final int FILE_MASK = 07777;
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private final Path root;
    private final long maxFileSize;

    public SharedFiles(Path root, long maxFileSize) {
        this.root = root.toAbsolutePath().normalize();
        this.maxFileSize = maxFileSize;
    }

    public void copy(CopyFileRequest request) throws IOException {
        Path relative = relative(request.getPath());
        Files.createDirectories(root);
        Path realRoot = root.toRealPath();
        Path parent = parents(realRoot, relative, request);
        Path target = parent.resolve(relative.getFileName().toString());
        int type = request.getFileMode() & S_IFMT;
        if (type == S_IFDIR) {
            directory(target, request);
        } else if (type == S_IFLNK) {
            symlink(target, request);
        } else {
            fileChunk(target, request);
        }
    }

    /** The request's path below the root; refused unless it is there without a {@code ..} (a {@code .} is no step). */
    private Path relative(String path) {
        Path requested = Path.of(path);
        for (Path component : requested) {
            if (component.toString().equals("..")) {
                throw refused(path, "has a '..' component");
            }
        }
        requested = requested.normalize();
        if (!requested.isAbsolute() || !requested.startsWith(root) || requested.equals(root)) {
            throw refused(path, "is not beneath the shared directory " + root);
        }
        return root.relativize(requested);
    }

    /** Creates (or follows, when they stay under the root) the target's parent directories; returns the real parent. */
    private Path parents(Path realRoot, Path relative, CopyFileRequest request) throws IOException {
        Path current = realRoot;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            Path next = current.resolve(relative.getName(i).toString());
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(next);
                Modes.set(next, request.getDirMode() & IMPLICIT_DIRECTORY_MASK);
            }
            next = next.toRealPath();
            if (!next.startsWith(realRoot) || !Files.isDirectory(next)) {
                throw refused(request.getPath(), "has a parent that leads out of the shared directory or is not a directory");
            }
            current = next;
        }
        if (relative.getNameCount() > 1) {
            Modes.chown(current, request.getUid(), request.getGid());
        }
        return current;
    }

    /** An existing directory stays (with its contents), as in Kata; anything else there is replaced. */
    private static void directory(Path target, CopyFileRequest request) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(target);
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(target);
        }
        Modes.set(target, request.getFileMode() & FILE_MASK);
        Modes.chown(target, request.getUid(), request.getGid());
    }

    private static void symlink(Path target, CopyFileRequest request) throws IOException {
        Trees.delete(target);
        Files.createSymbolicLink(target, Path.of(request.getData().toStringUtf8()));
        Modes.chown(target, request.getUid(), request.getGid());
    }

    private void fileChunk(Path target, CopyFileRequest request) throws IOException {
        long size = request.getFileSize();
        long offset = request.getOffset();
        int length = request.getData().size();
        if (size < 0 || size > maxFileSize) {
            throw refused(request.getPath(), "has a file_size of " + size + " bytes, over the limit of " + maxFileSize);
        }
        if (offset < 0 || offset + length > size) {
            throw refused(request.getPath(), "has a chunk of " + length + " bytes at offset " + offset
                    + " that does not fit in its file_size of " + size);
        }
        if (offset == 0) {
            Trees.delete(target);
        }
        Path temporary = target.resolveSibling(target.getFileName() + TEMPORARY_SUFFIX);
        Set<OpenOption> options = offset == 0
                ? Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)
                : Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        long written;
        try (FileChannel file = FileChannel.open(temporary, options)) {
            ByteBuffer data = request.getData().asReadOnlyByteBuffer();
            for (long position = offset; data.hasRemaining(); ) {
                position += file.write(data, position);
            }
            written = file.size();
        } catch (NoSuchFileException e) {
            throw refused(request.getPath(), "continues at offset " + offset + " a file whose first chunk never came");
        }
        if (written != size) {
            return;
        }
        Modes.set(temporary, request.getFileMode() & FILE_MASK);
        Modes.chown(temporary, request.getUid(), request.getGid());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw refused(request.getPath(), "names a directory");
        }
    }

    private static AgentException refused(String path, String why) {
        return new AgentException(AgentException.Kind.INVALID_ARGUMENT, "CopyFile: " + path + " " + why);
    }
}
