package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.Initdata;
import io.github.coco4j.initdata.Pcr8;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Validate initdata and print its version, algorithm, digest, expected PCR8 and data keys.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    InitdataCli cli;

    @Parameters(paramLabel = "FILE|ANNOTATION", description = "Initdata TOML, an annotation (or a file holding one), or - for stdin.")
    String input;

    @Override
    public Integer call() throws Exception {
        Initdata initdata = InitdataInput.initdata(input);
        byte[] digest = initdata.digest();
        cli.out.println("version:   " + initdata.version());
        cli.out.println("algorithm: " + initdata.algorithm().wireName());
        cli.out.println("digest:    " + HexFormat.of().formatHex(digest));
        cli.out.println("pcr8:      " + HexFormat.of().formatHex(Pcr8.expected(digest)));
        cli.out.println("data:      " + String.join(", ", initdata.data().keySet()));
        return 0;
    }
}
