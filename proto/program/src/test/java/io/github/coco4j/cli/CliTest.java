package io.github.coco4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
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

    @Command(name = "tree", mixinStandardHelpOptions = true)
    static final class Tree implements Cli.Subcommands, Callable<Integer> {
        @Option(names = "--offset", description = "added to the subcommand's status")
        int offset;

        @Override
        public List<Class<?>> subcommands() {
            return List.of(First.class, Second.class);
        }

        @Override
        public Integer call() {
            return 9;
        }
    }

    @Command(name = "first", aliases = "1st", mixinStandardHelpOptions = true, description = "the first")
    static final class First implements Callable<Integer> {
        @CommandLine.ParentCommand
        Tree tree;

        @Override
        public Integer call() {
            return tree.offset + 10;
        }
    }

    @Command(name = "second", description = "the second")
    static final class Second implements Callable<Integer> {
        @CommandLine.ParentCommand
        Tree tree;

        @Override
        public Integer call() {
            return tree.offset + 20;
        }
    }

    @Command(name = "when")
    static final class When implements Callable<Integer> {
        @Option(names = "--after")
        java.time.Duration after;

        @Override
        public Integer call() {
            return 0;
        }
    }

    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        return run(new Demo(), args);
    }

    private static Run run(Object command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run((o, e) -> command, out, err, args);
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

    @Test
    void aFirstArgumentNamingASubcommandBuildsThatOneAlone() {
        assertEquals(Set.of("first", "1st"), PicocliCommands.commandLine(new Tree(), "first", "--help").getSubcommands().keySet());
        assertEquals(Set.of("first", "1st"), PicocliCommands.commandLine(new Tree(), "1st").getSubcommands().keySet());
        assertEquals(Set.of("second"), PicocliCommands.commandLine(new Tree(), "second").getSubcommands().keySet());
        assertEquals(10, run(new Tree(), "first").status());
        assertEquals(10, run(new Tree(), "1st").status());
        assertEquals(20, run(new Tree(), "second").status());
        assertTrue(run(new Tree(), "first", "--help").out().startsWith("Usage: tree first [-hV]"));
    }

    @Test
    void otherCommandLinesGetEverySubcommand() {
        Set<String> all = Set.of("first", "1st", "second");
        assertEquals(all, PicocliCommands.commandLine(new Tree()).getSubcommands().keySet());
        assertEquals(all, PicocliCommands.commandLine(new Tree(), "--help").getSubcommands().keySet());
        assertEquals(all, PicocliCommands.commandLine(new Tree(), "--offset", "1", "first").getSubcommands().keySet());
        assertEquals(all, PicocliCommands.commandLine(new Tree(), "third").getSubcommands().keySet());
        assertEquals(9, run(new Tree()).status());
        assertEquals(21, run(new Tree(), "--offset", "1", "second").status());
        String usage = run(new Tree(), "--help").out();
        assertTrue(usage.contains("  first, 1st  the first\n") && usage.contains("  second      the second\n"), usage);
        assertEquals(new Run(2, "", "tree: Unmatched argument at index 0: 'third' (see 'tree --help')\n"), run(new Tree(), "third"));
    }

    @Test
    void noConvertersForTimeAndSqlTypesAreMade() {
        Run when = run(new When(), "--after", "PT1S");
        assertEquals(Cli.USAGE, when.status());
        assertTrue(when.err().startsWith("when: No TypeConverter registered for java.time.Duration"), when.err());
    }
}
