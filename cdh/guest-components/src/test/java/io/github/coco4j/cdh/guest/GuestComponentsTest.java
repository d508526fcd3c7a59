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
import picocli.CommandLine;

class GuestComponentsTest {
    /** picocli refuses a command whose parts declare the same option twice, so this also guards against a clash. */
    @Test
    void oneCommandTakesTheOptionsOfAllThree() {
        CommandLine cli = new CommandLine(new GuestComponents());
        List<String> attestationAgent = List.of("--config", "--socket", "--tee", "--tpm", "--azure-imds", "--initdata",
                "--initdata-digest", "--platform-root");
        List<String> dataHub = List.of("--cdh-config", "--cdh-initdata", "--log-level");
        List<String> restApi = List.of("--bind", "--features", "--aa-socket", "--timeout");
        for (List<String> part : List.of(attestationAgent, dataHub, restApi)) {
            assertTrue(cli.getCommandSpec().optionsMap().keySet().containsAll(part), part.toString());
        }
    }

    @Test
    void theGuestImagesCommandLineParses() {
        GuestComponents command = new GuestComponents();
        new CommandLine(command).parseArgs("--config", "/run/peerpod/aa.toml", "--cdh-config", "/run/peerpod/cdh.toml",
                "--bind", "inherited", "--features", "all");
        assertEquals("/run/peerpod/cdh.toml", command.cdhConfig.toString());
        assertEquals("/run/peerpod/initdata", command.cdhInitdata.toString());
    }

    @Test
    void aMissingAgentConfigStopsEverythingWithOneLine(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path cdhSocket = dir.resolve("cdh.sock");
        int status = Cli.run(new GuestComponents(), new PrintWriter(out), new PrintWriter(err), "--config",
                dir.resolve("absent.toml").toString(), "--socket", "unix://" + dir.resolve("aa.sock"), "--tee", "sample",
                "--cdh-config", dir.resolve("cdh.toml").toString(), "--bind", "127.0.0.1:0");
        assertEquals(1, status);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("guest-components: ") && err.toString().contains("absent.toml"),
                err.toString());
        assertFalse(Files.exists(dir.resolve("aa.sock")) || Files.exists(cdhSocket), "nothing serves");
    }
}
