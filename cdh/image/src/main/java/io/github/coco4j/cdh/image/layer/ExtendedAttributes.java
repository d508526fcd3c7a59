package io.github.coco4j.cdh.image.layer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * A layer's extended attributes, from the PAX records {@code SCHILY.xattr.NAME} that GNU tar,
 * Docker and umoci write. As image-rs, they are set only where the filesystem takes user
 * attributes (tmpfs before Linux 6.6 does not): the first "not supported" answer turns them off
 * for the rest of the unpack, logged once. The JVM sets the {@code user.} namespace only, so other
 * names (security.capability, trusted.*) are skipped with a warning naming them. Symbolic links and
 * special files take none (Linux refuses user attributes on them).
 */
final class ExtendedAttributes {
    private static final Logger LOG = Logger.getLogger(ExtendedAttributes.class.getName());
    private static final String PAX_PREFIX = "SCHILY.xattr.";
    private static final String USER = "user.";

    private boolean unsupported;

    void apply(TarArchiveEntry entry, Path target, String layerName) throws IOException {
        for (Map.Entry<String, String> record : entry.getExtraPaxHeaders().entrySet()) {
            if (!record.getKey().startsWith(PAX_PREFIX)) {
                continue;
            }
            String name = record.getKey().substring(PAX_PREFIX.length());
            if (!name.startsWith(USER)) {
                LOG.warning(() -> layerName + ": " + entry.getName() + ": extended attribute " + name
                        + " skipped (only user.* attributes can be set)");
            } else if (!unsupported) {
                write(target, name, record.getValue(), layerName);
            }
        }
    }

    private void write(Path target, String name, String value, String layerName) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(target, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        try {
            view.write(name.substring(USER.length()), ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
        } catch (FileSystemException e) {
            if (!"Operation not supported".equals(e.getReason())) {
                throw new IOException(layerName + ": extended attribute " + name + " of " + target.getFileName()
                        + ": " + e.getReason());
            }
            unsupported = true;
            LOG.info(() -> layerName + ": the rootfs's filesystem takes no user extended attributes; they are not kept");
        }
    }
}
