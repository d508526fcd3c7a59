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
        Path aaToml = Files.writeString(dir.resolve("aa.toml"), "[token_configs.kbs]\nurl = \"" + kbs + "\"\n");
        return ManagedProcess.start(dir, List.of(Dist.launcher("attestation-agent"), "--config", aaToml.toString(),
                "--socket", "unix://" + socket, "--tee", "sample", "--initdata-digest", dir.resolve("absent").toString()), Map.of());
    }
}
