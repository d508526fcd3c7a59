package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.InitdataException;
import io.github.coco4j.logging.OneLineLogging;
import io.github.coco4j.provision.ProvisionException;
import io.github.coco4j.tpm.TpmAccessException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code initdata} command: author, inspect, register and provision initdata. */
@Command(name = "initdata", mixinStandardHelpOptions = true, version = "initdata 0.1.0",
        description = "Work with Confidential Containers initdata: digests, PCR8 reference values, "
                + "the pod annotation, exec allow-lists, and boot-time provisioning.",
        subcommands = {DigestCommand.class, Pcr8Command.class, EncodeCommand.class, DecodeCommand.class,
                ShowCommand.class, ReferenceValuesCommand.class, AllowExecCommand.class, ProvisionCommand.class})
public final class InitdataCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where results go; bytes are written as they are (decode) and text as UTF-8. */
    final PrintStream out;

    InitdataCli(PrintStream out) {
        this.out = out;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        OneLineLogging.configure(System.getenv().getOrDefault("COCO4J_LOG", "info"));
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the command line; errors become one line on {@code err} and a non-zero status. */
    public static int execute(OutputStream stdout, OutputStream stderr, String... args) {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        CommandLine command = new CommandLine(new InitdataCli(out))
                .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true)).setErr(err);
        command.setParameterExceptionHandler((e, parsed) -> {
            err.println("initdata: " + e.getMessage() + " (see 'initdata --help')");
            return 2;
        });
        command.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean expected = e instanceof InitdataException || e instanceof ProvisionException
                    || e instanceof IllegalArgumentException || e instanceof IOException || e instanceof TpmAccessException;
            err.println("initdata: " + (expected ? e.getMessage() : e.toString()));
            return 1;
        });
        return command.execute(args);
    }
}
