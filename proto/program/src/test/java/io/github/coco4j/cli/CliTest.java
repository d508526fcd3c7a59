package io.github.coco4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliTest {
    @Command(name = "demo", mixinStandardHelpOptions = true)
    static final class Demo implements Callable<Integer>, Cli.DescribesFailures {
        @Option(names = "--fail", description = "what to throw")
        String fail = "";

        @Override
        public Integer call() throws Exception {
            switch (fail) {
                case "file" -> throw new NoSuchFileException("/etc/x");
                case "bug" -> throw new NullPointerException("oops\nmore");
                case "deep" -> {
                    return recurse(0);
                }
                case "own" -> throw new UnsupportedOperationException("x");
                default -> {
                    return 3;
                }
            }
        }

        private int recurse(int depth) {
            return recurse(depth + 1) + 1;
        }

        @Override
        public String describe(Throwable failure) {
            return failure instanceof UnsupportedOperationException ? "not here" : null;
        }
    }

    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run((o, e) -> new Demo(), out, err, args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statusesAndOneLineFailures() {
        assertEquals(new Run(3, "", ""), run());
        assertEquals(new Run(2, "", "demo: Unknown option: '--nope' (see 'demo --help')\n"), run("--nope"));
        assertEquals(new Run(1, "", "demo: /etc/x: no such file\n"), run("--fail", "file"));
        assertEquals(new Run(1, "", "demo: java.lang.NullPointerException: oops\n"), run("--fail", "bug"));
        assertEquals(new Run(1, "", "demo: java.lang.StackOverflowError\n"), run("--fail", "deep"));
        assertEquals(new Run(1, "", "demo: not here\n"), run("--fail", "own"));
        assertEquals(0, run("--help").status());
    }
}
