package io.github.coco4j.agent.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Unix modes and owners, with the setuid/setgid/sticky bits PosixFilePermission cannot express. */
final class Modes {
    private Modes() {
    }

    static void set(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    /** Changes the owner of the path itself (not of a symlink's target); a negative id leaves that id as it is, as chown(2) does with -1. */
    static void chown(Path path, int uid, int gid) throws IOException {
        if (uid >= 0) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        if (gid >= 0) {
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
