package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.Annotation;
import io.github.coco4j.initdata.Initdata;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Validate an initdata TOML and print its pod annotation value "
                + "(io.katacontainers.config.hypervisor.cc_init_data = base64(gzip(TOML))).")
final class EncodeCommand implements Callable<Integer> {
    @ParentCommand
    InitdataCli cli;

    @Parameters(paramLabel = "FILE", description = "Initdata TOML, or - for stdin.")
    String input;

    @Override
    public Integer call() throws Exception {
        byte[] toml = InitdataInput.toml(input);
        Initdata.parse(toml);
        cli.out.println(Annotation.encode(toml));
        return 0;
    }
}
