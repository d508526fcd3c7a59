package io.github.coco4j.policy.testing;

import io.github.coco4j.initdata.authoring.ExecAllowList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The workshop's agent policy, from the demo's initdata template, and guest containers' root filesystems. */
public final class Workshop {
    private Workshop() {
    }

    /** The workshop's policy.rego restricted to exactly {@code commands} for exec. */
    public static String policyAllowingExec(List<String> commands) throws IOException {
        String template = Files.readString(Path.of(System.getProperty("coco4j.root"), "tools/demo/initdata.toml.in"));
        String policy = template.substring(template.indexOf("package agent_policy"), template.lastIndexOf("'''"));
        return ExecAllowList.apply(policy, commands);
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
