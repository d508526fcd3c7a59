package io.github.coco4j.agent.runc;

import io.github.coco4j.agent.backend.AgentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Processes with a terminal (OCI {@code process.terminal}). runc hands the pty it creates only to a
 * detached runc (over {@code --console-socket}), and a detached process's exit status goes to
 * whoever reaps it, which a JVM cannot be; in the foreground, runc relays the pty itself but wants
 * a terminal as its own stdio. So runc runs in the foreground under util-linux's {@code script},
 * whose pty is runc's stdio: runc sets that one raw and copies it to and from the container's pty.
 * Through the pipes of {@code script}, stdout is the terminal's output, stderr stays empty, stdin
 * goes to the terminal and, once closed, ends it with the terminal's EOF character (^D); the exit
 * status is the process's, as {@code script --return} and foreground runc pass it on. Lines end in
 * CR LF as on Kata's ptys; output that a process writes at once, while runc is still setting up
 * the two terminals, may carry an extra CR (CR CR LF).
 */
final class Terminal {
    private static final int MAX_SIZE = 0xFFFF;

    private Terminal() {
    }

    /** The runc command, run under {@code script} so that runc has a terminal to relay. */
    static ProcessBuilder around(List<String> runc) {
        String command = "exec " + runc.stream().map(Terminal::quoted).collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder("script", "--quiet", "--return", "--echo", "never",
                "--command", command, "/dev/null");
        // script runs the command through $SHELL, whatever the agent was started with.
        builder.environment().put("SHELL", "/bin/sh");
        return builder;
    }

    /**
     * The {@code stty} command that sets the window size of the pty on the stdio of process
     * {@code pid}, as the Kata agent's TIOCSWINSZ on the pty's master does; the kernel then signals
     * SIGWINCH to the terminal's foreground processes. The pty is reached through /proc (a
     * container's pty is in the container's own devpts, which the agent cannot otherwise name), so a
     * process that moved all its stdio off its terminal cannot be resized.
     */
    static List<String> resize(long pid, int rows, int columns) {
        if (rows < 0 || rows > MAX_SIZE || columns < 0 || columns > MAX_SIZE) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT,
                    "a terminal of " + rows + "x" + columns + " is out of range");
        }
        return List.of("stty", "-F", stdioTerminal(pid).toString(), "rows", Integer.toString(rows),
                "cols", Integer.toString(columns));
    }

    private static Path stdioTerminal(long pid) {
        for (int fd = 0; fd <= 2; fd++) {
            Path link = Path.of("/proc", Long.toString(pid), "fd", Integer.toString(fd));
            try {
                if (Files.readSymbolicLink(link).startsWith("/dev/pts")) {
                    return link;
                }
            } catch (IOException e) {
                // closed, or the process is gone: try the next
            }
        }
        throw new AgentException(AgentException.Kind.FAILED_PRECONDITION,
                "process " + pid + " has no terminal on its stdin, stdout or stderr");
    }

    /** One word for sh: the runc arguments are paths and ids, quoted whatever they hold. */
    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
