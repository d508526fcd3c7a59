package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.Pcr8;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "pcr8", mixinStandardHelpOptions = true,
        description = "Print the sha256 PCR8 value a vTPM holds after the boot-time initdata extend "
                + "(the reference value to register with the KBS).")
final class Pcr8Command implements Callable<Integer> {
    @ParentCommand
    InitdataCli cli;

    @Option(names = "--initial-pcr", paramLabel = "HEX", description = "PCR8 before the extend (default: 32 zero bytes).")
    String initial;

    @Parameters(paramLabel = "FILE", description = "Initdata TOML, a file holding the annotation, or - for stdin.")
    String input;

    @Override
    public Integer call() throws Exception {
        byte[] start = initial == null ? new byte[Pcr8.SIZE] : Hex.bytes32("--initial-pcr", initial);
        byte[] digest = InitdataInput.initdata(input).digest();
        cli.out.println(HexFormat.of().formatHex(Pcr8.expected(start, digest)));
        return 0;
    }
}
