package io.github.coco4j.it;

import io.github.coco4j.testing.ManagedProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The attestation-agent launcher with the sample attester, its tokens from the KBS at a URL, no initdata. */
final class SampleAttestationAgent {
    private SampleAttestationAgent() {
    }

    static ManagedProcess start(Path dir, URI kbs, Path socket) throws Exception {
        return ManagedProcess.start(dir, command(dir, kbs, socket), Map.of());
    }

    /** The launcher's command line, its aa.toml written to {@code dir}. */
    static List<String> command(Path dir, URI kbs, Path socket) throws Exception {
        Path aaToml = Files.writeString(dir.resolve("aa.toml"), "[token_configs.kbs]\nurl = \"" + kbs + "\"\n");
        return List.of(Dist.launcher("attestation-agent"), "--config", aaToml.toString(),
                "--socket", "unix://" + socket, "--tee", "sample", "--initdata-digest", dir.resolve("absent").toString());
    }
}
