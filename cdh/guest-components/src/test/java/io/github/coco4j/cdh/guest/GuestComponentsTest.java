package io.github.coco4j.cdh.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestComponentsTest {
    /** An option declared twice is refused, so making the command also guards against a clash. */
    @Test
    void oneCommandTakesTheOptionsOfAllThree() {
        GuestComponents command = new GuestComponents();
        List<String> attestationAgent = List.of("--config", "--socket", "--tee", "--tpm", "--azure-imds", "--initdata",
                "--initdata-digest", "--platform-root");
        List<String> dataHub = List.of("--cdh-config", "--cdh-initdata", "--log-level");
        List<String> restApi = List.of("--bind", "--features", "--aa-socket", "--timeout");
        for (List<String> part : List.of(attestationAgent, dataHub, restApi)) {
            for (String option : part) {
                assertFalse(command.options.given(option), option);
            }
        }
    }

    @Test
    void theGuestImagesCommandLineParses() throws Exception {
        GuestComponents command = new GuestComponents();
        assertTrue(command.options.parse(new PrintWriter(new StringWriter()), "--config", "/run/peerpod/aa.toml",
                "--cdh-config", "/run/peerpod/cdh.toml", "--bind", "inherited", "--features", "all"));
        assertEquals("/run/peerpod/cdh.toml", command.cdhConfig.toString());
        assertEquals("/run/peerpod/initdata", command.cdhInitdata.toString());
        assertEquals("info", command.logging.level());
        assertFalse(command.options.given("--aa-socket"), "the API asks this process's agent");
    }

    /** Upstream's spelling names the same option, so the API asks the agent it names. */
    @Test
    void anotherAgentIsNamedUnderEitherSpelling() throws Exception {
        GuestComponents command = new GuestComponents();
        assertTrue(command.options.parse(new PrintWriter(new StringWriter()), "--aa_addr", "unix:///other.sock"));
        assertTrue(command.options.given("--aa-socket"));
    }

    @Test
    void aMissingAgentConfigStopsEverythingWithOneLine(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path cdhSocket = dir.resolve("cdh.sock");
        GuestComponents command = new GuestComponents();
        int status = Cli.run(command.options, command, new PrintWriter(out), new PrintWriter(err), "--config",
                dir.resolve("absent.toml").toString(), "--socket", "unix://" + dir.resolve("aa.sock"), "--tee", "sample",
                "--cdh-config", dir.resolve("cdh.toml").toString(), "--bind", "127.0.0.1:0");
        assertEquals(1, status);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("guest-components: ") && err.toString().contains("absent.toml"),
                err.toString());
        assertFalse(Files.exists(dir.resolve("aa.sock")) || Files.exists(cdhSocket), "nothing serves");
    }
}
