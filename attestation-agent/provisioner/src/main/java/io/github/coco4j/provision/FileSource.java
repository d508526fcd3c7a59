package io.github.coco4j.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** User-data (or, for {@code initdata:PATH}, an annotation) in a local file. */
record FileSource(String prefix, Path path, boolean isAnnotation) implements UserDataSource {
    static final Path CIDATA_USER_DATA = Path.of("/media/cidata/user-data");

    @Override
    public String name() {
        return prefix + ":" + path;
    }

    @Override
    public byte[] fetch(Duration timeout) throws IOException {
        try {
            return UserDataSource.readBounded(Files.newInputStream(path), name());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path + " does not exist");
        }
    }
}
