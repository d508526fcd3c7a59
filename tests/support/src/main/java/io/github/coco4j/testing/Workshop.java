package io.github.coco4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The workshop's agent policy, from the demo's initdata template, and guest containers' root filesystems. */
public final class Workshop {
    private Workshop() {
    }

    /** The workshop's policy.rego as the demo's initdata template holds it (no exec allow-list applied). */
    public static String policy() throws IOException {
        String template = Files.readString(Path.of(System.getProperty("coco4j.root"), "tools/demo/initdata.toml.in"));
        return template.substring(template.indexOf("package agent_policy"), template.lastIndexOf("'''"));
    }

    /** An empty root whose bin, lib, lib64 and sbin point into /usr, for containers that bind the host's /usr. */
    public static Path hostUsrRootfs(Path dir) throws IOException {
        Path rootfs = Files.createDirectories(dir);
        for (String link : List.of("bin", "lib", "lib64", "sbin")) {
            Files.createSymbolicLink(rootfs.resolve(link), Path.of("usr", link));
        }
        return rootfs;
    }
}
