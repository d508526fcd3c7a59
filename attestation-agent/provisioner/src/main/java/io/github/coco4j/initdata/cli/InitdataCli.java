package io.github.coco4j.initdata.cli;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.tpm.TpmAccessException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code initdata} command: author, inspect, register and provision initdata. */
@Command(name = "initdata", mixinStandardHelpOptions = true, version = "initdata 0.1.0",
        description = "Work with Confidential Containers initdata: digests, PCR8 reference values, "
                + "the pod annotation, exec allow-lists, and boot-time provisioning.")
public final class InitdataCli implements Cli.Subcommands, Runnable, Cli.DescribesFailures {
    @Override
    public List<Class<?>> subcommands() {
        return List.of(DigestCommand.class, Pcr8Command.class, EncodeCommand.class, DecodeCommand.class, ShowCommand.class, ReferenceValuesCommand.class, AllowExecCommand.class, ProvisionCommand.class);
    }

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
        Cli.exit(args, (out, err) -> new InitdataCli(out));
    }

    /** Runs the command line; errors become one line on {@code stderr} and a non-zero status. */
    public static int execute(OutputStream stdout, OutputStream stderr, String... args) {
        return Cli.run((out, err) -> new InitdataCli(out), stdout, stderr, args);
    }

    /** A TPM that cannot be reached is the machine's state, not a bug: its message says which and why. */
    @Override
    public String describe(Throwable failure) {
        return failure instanceof TpmAccessException ? failure.getMessage() : null;
    }
}
