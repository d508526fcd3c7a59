package io.github.coco4j.cdh.image.manifest;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import java.util.List;
import java.util.Locale;

/** The guest's platform, and the choice of an index entry for it: the first with equal os and architecture (variant ignored, as upstream). */
public record Platform(String os, String architecture) {
    /** The JVM's own platform, in Go's architecture names. */
    public static Platform current() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return new Platform("linux", switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "s390x" -> "s390x";
            case "ppc64le" -> "ppc64le";
            default -> arch;
        });
    }

    /** {@code os/architecture[/variant]}; the variant is not compared. */
    public static Platform parse(String text) {
        String[] parts = text.split("/");
        if (parts.length < 2) {
            throw new IllegalArgumentException("platform must be os/architecture[/variant]: " + text);
        }
        return new Platform(parts[0], parts[1]);
    }

    public Descriptor select(List<Descriptor> entries) throws ImageException {
        return entries.stream()
                .filter(d -> d.os().filter(os::equals).isPresent() && d.architecture().filter(architecture::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> new ImageException(Stage.MANIFEST, "the image index has no entry for " + this));
    }

    @Override
    public String toString() {
        return os + "/" + architecture;
    }
}
