package io.github.coco4j.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The launchers of the built dist/ tree. */
final class Dist {
    private Dist() {
    }

    static String launcher(String name) {
        String root = System.getProperty("coco4j.root");
        if (root == null) {
            throw new IllegalStateException("system property coco4j.root is not set; run through Maven");
        }
        Path launcher = Path.of(root, "dist", "bin", name);
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(launcher + " is missing: build dist/ first (mvn package)");
        }
        return launcher.toString();
    }
}
