package io.github.coco4j.policy.input;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.github.coco4j.proto.kata.CopyFileRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * CopyFileRequest as Kata's agent gives it to the policy: the file's type taken from the mode
 * bits and, for a symlink, its target as text; the file content itself is never handed over.
 */
final class CopyFileInput {
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    private CopyFileInput() {
    }

    static ObjectNode render(CopyFileRequest request) {
        String type = fileType(request.getFileMode());
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("path", request.getPath());
        node.put("file_type", type);
        if (type.equals("Symlink")) {
            node.put("symlink_target", utf8(request.getData()));
        } else {
            node.putNull("symlink_target");
        }
        node.put("file_size", request.getFileSize());
        node.put("file_mode", Integer.toUnsignedLong(request.getFileMode()));
        node.put("dir_mode", Integer.toUnsignedLong(request.getDirMode()));
        node.put("uid", request.getUid());
        node.put("gid", request.getGid());
        node.put("offset", request.getOffset());
        return node;
    }

    static String fileType(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFREG -> "Regular";
            case S_IFDIR -> "Directory";
            case S_IFLNK -> "Symlink";
            default -> "Unknown";
        };
    }

    private static String utf8(ByteString data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("CopyFileRequest: the symlink target is not UTF-8");
        }
    }
}
