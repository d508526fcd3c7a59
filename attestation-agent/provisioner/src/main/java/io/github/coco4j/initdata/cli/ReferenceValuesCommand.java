package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.authoring.ReferenceValuesUpdate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "reference-values", mixinStandardHelpOptions = true,
        description = {"Print a KBS reference-values document with a PCR8 value registered: appended to "
                + "each named entry (created when missing). Both the RVPS form [{\"name\",\"expiration\",\"value\":[…]}] "
                + "and the hash-value form [{\"name\",\"expiration\",\"hash-value\":[{\"alg\",\"value\"}]}] are kept as they are."})
final class ReferenceValuesCommand implements Callable<Integer> {
    @ParentCommand
    InitdataCli cli;

    @Option(names = "--pcr8", required = true, paramLabel = "HEX", description = "The PCR8 value (see 'initdata pcr8').")
    String pcr8;

    @Option(names = "--name", paramLabel = "N", description = "Reference value name(s) to register under (default: "
            + "pcr08 in the workshop's form, else " + ReferenceValuesUpdate.DEFAULT_NAME + ").")
    List<String> names;

    @Option(names = "--format", paramLabel = "workshop|trustee", converter = FormConverter.class,
            description = "The form of new entries: the workshop's hash-value form or today's value form "
                    + "(default: the form the document uses; today's for a new one).")
    ReferenceValuesUpdate.Form form;

    @Parameters(arity = "0..1", paramLabel = "FILE|-", description = "The current document (default: start a new one).")
    String input;

    @Override
    public Integer call() throws Exception {
        String hex = HexFormat.of().formatHex(Hex.bytes32("--pcr8", pcr8));
        String document = input == null ? ""
                : input.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(input));
        List<String> targets = names == null || names.isEmpty() ? List.of(form == null
                ? ReferenceValuesUpdate.DEFAULT_NAME : form.pcr8Name()) : names;
        cli.out.print(ReferenceValuesUpdate.register(document, hex, targets, ZonedDateTime.now(), form));
        cli.out.flush();
        return 0;
    }

    /** {@code workshop} or {@code trustee}, as users name the two generations. */
    static final class FormConverter implements CommandLine.ITypeConverter<ReferenceValuesUpdate.Form> {
        @Override
        public ReferenceValuesUpdate.Form convert(String value) {
            return ReferenceValuesUpdate.Form.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
