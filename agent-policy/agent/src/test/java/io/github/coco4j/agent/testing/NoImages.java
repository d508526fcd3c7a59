package io.github.coco4j.agent.testing;

import io.github.coco4j.agent.image.ContainerImages;
import io.github.coco4j.agent.image.DataHubImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The image bundles of an agent under test whose containers are not pulled: no data hub, no pause bundle. */
public final class NoImages {
    private NoImages() {
    }

    public static ContainerImages in(Path dir) throws IOException {
        return new ContainerImages(dir.resolve("images"), new DataHubImages("unix://" + dir.resolve("no-cdh.sock"),
                Duration.ofSeconds(5)), dir.resolve("no-pause-bundle"));
    }
}
