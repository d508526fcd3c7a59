package io.github.coco4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.testing.InitDataVectors;
import io.github.coco4j.testing.Swtpm;
import io.github.coco4j.testing.Tpm2Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workshop's initdata steps through the dist/bin/initdata launcher, as a user types them. */
class InitdataLauncherIT {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private Result initdata(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Dist.launcher("initdata")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void allowExecAnnotationProvisionAndPcr8() throws Exception {
        Path toml = Files.writeString(dir.resolve("initdata.toml"),
                InitDataVectors.vector("workshop-initdata").get("toml").asText());
        Result restricted = initdata("allow-exec", "--from", toml.toString(),
                "--command", "curl -s http://127.0.0.1:8006/cdh/resource/default/kbsres1/key1",
                "--command", "uname -r", "--annotation", "--pcr8");
        assertEquals(0, restricted.status(), restricted.err());
        String[] lines = restricted.out().split("\n");
        String annotation = lines[0];
        String pcr8 = lines[1];

        Path userData = Files.writeString(dir.resolve("user-data"),
                "#cloud-config\nwrite_files:\n- path: /run/peerpod/initdata\n  content: " + annotation + "\n");
        try (Swtpm swtpm = Swtpm.start(dir)) {
            Result provision = initdata("provision", "--source", "file:" + userData, "--out", dir.resolve("peerpod").toString(),
                    "--tpm", swtpm.address());
            assertEquals(0, provision.status(), provision.err());
            assertEquals(pcr8, Tpm2Tools.pcrRead(swtpm, 8));
            assertEquals(Files.readString(dir.resolve("peerpod/initdata.digest")),
                    initdata("digest", dir.resolve("peerpod/initdata").toString()).out().strip());
        }

        Result bad = initdata("decode", "not-an-annotation");
        assertEquals(1, bad.status());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("initdata: "), bad.err());
    }
}
