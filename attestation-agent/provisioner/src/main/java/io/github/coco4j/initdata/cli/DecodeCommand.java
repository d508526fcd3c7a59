package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.Annotation;
import io.github.coco4j.initdata.Initdata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Print the exact TOML bytes a pod annotation carries (validated).")
final class DecodeCommand implements Callable<Integer> {
    @ParentCommand
    InitdataCli cli;

    @Parameters(paramLabel = "ANNOTATION|-", description = "The annotation value, a file holding it, or - for stdin.")
    String input;

    @Override
    public Integer call() throws Exception {
        byte[] toml = Annotation.decode(annotationText());
        Initdata.parse(toml);
        cli.out.write(toml);
        cli.out.flush();
        return 0;
    }

    private String annotationText() throws IOException {
        if (input.equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Path path = Path.of(input);
        return Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.US_ASCII) : input;
    }
}
