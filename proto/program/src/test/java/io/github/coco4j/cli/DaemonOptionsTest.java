package io.github.coco4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {
    /** A daemon's options as the guest's daemons declare theirs. */
    private static final class Daemon {
        String bind;
        String socket;
        long timeout;
        int port;
        boolean v0;
        final List<String> listen = new ArrayList<>();
        final DaemonOptions options = new DaemonOptions("daemon", "Serves things over a socket for the tests of "
                + "the option parser, with a description long enough to be wrapped at eighty columns.")
                .value("-b, --bind", "IP:PORT", "127.0.0.1:8006", "address to listen on, or 'inherited' for the "
                        + "listening socket given as standard input (default: ${DEFAULT-VALUE})", v -> bind = v)
                .value("-a, --aa-socket, --aa_addr", "ADDRESS", "unix:///run/aa.sock",
                        "the attestation agent's socket (default: ${DEFAULT-VALUE})", v -> socket = v)
                .longValue("--image-pull-timeout", "SECONDS", "1200", "how long one image pull may take "
                        + "(default: ${DEFAULT-VALUE})", v -> timeout = v)
                .intValue("--port", "PORT", null, "a port", v -> port = v)
                .flag("--v0", "parse policies as Rego v0 (default: v1)", () -> v0 = true)
                .repeatable("--listen", "ADDRESS", "unix:///run/agent.sock", "where to serve, repeatable "
                        + "(default: ${DEFAULT-VALUE})", listen::add);
    }

    private final Daemon daemon = new Daemon();
    private final StringWriter out = new StringWriter();

    private boolean parse(String... args) throws DaemonOptions.UsageException {
        return daemon.options.parse(new PrintWriter(out, true), args);
    }

    /** The message for {@code args}, each command line parsed by a daemon of its own. */
    private String error(String... args) {
        return assertThrows(DaemonOptions.UsageException.class,
                () -> new Daemon().options.parse(new PrintWriter(out), args)).getMessage();
    }

    @Test
    void eachSyntaxSetsTheValue() throws Exception {
        for (List<String> args : List.of(List.of("--bind", "x"), List.of("--bind=x"), List.of("-b", "x"),
                List.of("-bx"), List.of("-b=x"))) {
            Daemon each = new Daemon();
            assertTrue(each.options.parse(new PrintWriter(out), args.toArray(String[]::new)), args.toString());
            assertEquals("x", each.bind, args.toString());
        }
    }

    @Test
    void anAliasSetsTheSameOptionAndCountsAsIt() throws Exception {
        assertTrue(parse("--aa_addr", "unix:///other.sock"));
        assertEquals("unix:///other.sock", daemon.socket);
        assertTrue(daemon.options.given("--aa-socket"));
        assertFalse(daemon.options.given("--bind"));
    }

    @Test
    void optionsNotGivenTakeTheirDefaults() throws Exception {
        assertTrue(parse());
        assertEquals("127.0.0.1:8006", daemon.bind);
        assertEquals(1200, daemon.timeout);
        assertEquals(0, daemon.port);
        assertFalse(daemon.v0);
        assertEquals(List.of("unix:///run/agent.sock"), daemon.listen);
    }

    @Test
    void aRepeatableOptionTakesEachValueInsteadOfItsDefault() throws Exception {
        assertTrue(parse("--listen", "a", "--listen=b", "--v0", "--image-pull-timeout", "5", "--port", "7"));
        assertEquals(List.of("a", "b"), daemon.listen);
        assertTrue(daemon.v0);
        assertEquals(5, daemon.timeout);
        assertEquals(7, daemon.port);
    }

    @Test
    void aFlagTakesTrueOrFalse() throws Exception {
        assertTrue(parse("--v0=false"));
        assertFalse(daemon.v0);
        assertTrue(new Daemon().options.parse(new PrintWriter(out), "--v0=TRUE"));
        assertEquals("Invalid value for option '--v0': 'x' is not a boolean", error("--v0=x"));
    }

    @Test
    void wrongCommandLinesAreSaidAsPicocliSaysThem() {
        assertEquals("option '--bind' (IP:PORT) should be specified only once", error("-b", "x", "--bind", "y"));
        assertEquals("option '--v0' should be specified only once", error("--v0", "--v0"));
        assertEquals("Unknown option: '--nope'", error("--nope"));
        assertEquals("Unknown option: '-x'", error("-x"));
        assertEquals("Missing required parameter for option '--aa-socket' (ADDRESS)", error("--aa_addr"));
        assertEquals("Expected parameter for option '--bind' but found '--v0'", error("--bind", "--v0"));
        assertEquals("Expected parameter for option '--bind' but found '-bx'", error("--bind", "-bx"));
        assertEquals("Unmatched argument at index 0: 'x'", error("x"));
        assertEquals("Unmatched arguments from index 1: 'x', 'y'", error("--v0", "x", "y"));
        assertEquals("Invalid value for option '--image-pull-timeout': 'x' is not a long",
                error("--image-pull-timeout", "x"));
        assertEquals("Invalid value for option '--port': '99999999999' is not an int", error("--port=99999999999"));
    }

    @Test
    void aValueThatIsNoOptionIsTaken() throws Exception {
        assertTrue(parse("--bind", "-", "--aa-socket", "--nope"));
        assertEquals("-", daemon.bind);
        assertEquals("--nope", daemon.socket);
    }

    @Test
    void helpListsEveryOptionWithinEightyColumns() throws Exception {
        assertFalse(parse("-h"));
        String help = out.toString();
        assertTrue(help.startsWith("Usage: daemon [-hV] [--v0] [-a=ADDRESS] [-b=IP:PORT]\n"
                + "              [--image-pull-timeout=SECONDS] [--port=PORT] [--listen=ADDRESS]...\n"
                + "Serves things over a socket"), help);
        for (String line : List.of("  -a, --aa_addr, --aa-socket=ADDRESS", "  -b, --bind=IP:PORT", "  -h, --help",
                "      --image-pull-timeout=SECONDS", "      --listen=ADDRESS", "  -V, --version", "      --v0")) {
            assertTrue(help.contains("\n" + line), line + " in\n" + help);
        }
        assertTrue(help.contains("(default: 1200)"), help);
        assertTrue(help.contains("(default:\n                           127.0.0.1:8006)"), help);
        assertFalse(help.contains("${DEFAULT-VALUE}"), help);
        assertTrue(help.lines().allMatch(line -> line.length() <= 80), help);
        assertTrue(help.indexOf("\n  -a,") < help.indexOf("\n  -b,") && help.indexOf("\n  -h,") < help.indexOf("\n      --listen")
                && help.indexOf("\n  -V,") < help.indexOf("\n      --v0"), "sorted by name: " + help);
    }

    @Test
    void helpWinsOverUnmatchedArguments() throws Exception {
        assertFalse(parse("--help", "x"));
        assertTrue(out.toString().startsWith("Usage: daemon"));
    }

    @Test
    void versionPrintsTheGivenLine() throws Exception {
        daemon.options.version(() -> "daemon 1.2");
        assertFalse(parse("-V"));
        assertEquals("daemon 1.2" + System.lineSeparator(), out.toString());
    }

    @Test
    void versionPrintsNothingWithoutOne() throws Exception {
        assertFalse(parse("--version"));
        assertEquals("", out.toString());
    }

    @Test
    void anOptionDeclaredTwiceIsRefused() {
        assertThrows(IllegalStateException.class, () -> daemon.options.flag("--v0", "again", () -> { }));
    }

    @Test
    void cliRunsTheDaemonOnlyOnAGoodCommandLine() {
        StringWriter err = new StringWriter();
        int[] runs = {0};
        int status = Cli.run(daemon.options, () -> runs[0]++, new PrintWriter(out), new PrintWriter(err), "--nope");
        assertEquals(Cli.USAGE, status);
        assertEquals("daemon: Unknown option: '--nope' (see 'daemon --help')" + System.lineSeparator(), err.toString());
        assertEquals(0, runs[0]);
        assertEquals(0, Cli.run(new Daemon().options, () -> {
            runs[0] += 10;
            return 0;
        }, new PrintWriter(out), new PrintWriter(err)));
        assertEquals(10, runs[0]);
    }

    @Test
    void cliSaysAFailedDaemonInOneLine() {
        StringWriter err = new StringWriter();
        int status = Cli.run(daemon.options, () -> {
            throw new StackOverflowError();
        }, new PrintWriter(out), new PrintWriter(err, true));
        assertEquals(Cli.FAILURE, status);
        assertEquals("daemon: java.lang.StackOverflowError" + System.lineSeparator(), err.toString());
    }
}
