package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.authoring.ReferenceValuesUpdate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "reference-values", mixinStandardHelpOptions = true,
        description = {"Print a KBS reference-values document with PCR values registered: PCR8 (the initdata), "
                + "the guest image's PCRs (its reference-values.json) or single PCRs, each appended to its entry "
                + "(created when missing). Both the RVPS form [{\"name\",\"expiration\",\"value\":[…]}] "
                + "and the hash-value form [{\"name\",\"expiration\",\"hash-value\":[{\"alg\",\"value\"}]}] are kept as they are."})
final class ReferenceValuesCommand implements Callable<Integer> {
    @ParentCommand
    InitdataCli cli;

    @Option(names = "--pcr8", paramLabel = "HEX", description = "The PCR8 value (see 'initdata pcr8').")
    String pcr8;

    @Option(names = "--name", paramLabel = "N", description = "Reference value name(s) to register PCR8 under "
            + "(default: pcr08 in the workshop's form, else tpm_pcr08).")
    List<String> names;

    @Option(names = "--image", paramLabel = "FILE", description = "A guest image's reference values (its build "
            + "writes reference-values.json): each pcrNN or tpm_pcrNN value is registered under this document's name for it.")
    Path image;

    @Option(names = "--pcr", paramLabel = "INDEX=HEX", description = "One more PCR value, e.g. 11=<64 hex digits>.")
    Map<Integer, String> pcrs = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "workshop|trustee", converter = FormConverter.class,
            description = "The form of new entries: the workshop's hash-value form or today's value form "
                    + "(default: the form the document uses; today's for a new one).")
    ReferenceValuesUpdate.Form form;

    @Parameters(arity = "0..1", paramLabel = "FILE|-", description = "The current document (default: start a new one).")
    String input;

    @Override
    public Integer call() throws Exception {
        if (pcr8 == null && image == null && pcrs.isEmpty()) {
            throw new IllegalArgumentException("nothing to register: give --pcr8, --image or --pcr");
        }
        String document = input == null ? ""
                : input.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(input));
        ReferenceValuesUpdate.Form naming = form == null ? ReferenceValuesUpdate.Form.TRUSTEE : form;
        ZonedDateTime now = ZonedDateTime.now();
        if (image != null) {
            for (Map.Entry<Integer, List<String>> pcr : ReferenceValuesUpdate.pcrValues(Files.readString(image)).entrySet()) {
                for (String hex : pcr.getValue()) {
                    document = ReferenceValuesUpdate.register(document, hex, List.of(naming.pcrName(pcr.getKey())), now, form);
                }
            }
        }
        for (Map.Entry<Integer, String> pcr : pcrs.entrySet()) {
            if (pcr.getKey() < 0 || pcr.getKey() > 23) {
                throw new IllegalArgumentException("--pcr " + pcr.getKey() + ": a PCR index is 0 to 23");
            }
            String hex = HexFormat.of().formatHex(Hex.bytes32("--pcr " + pcr.getKey(), pcr.getValue()));
            document = ReferenceValuesUpdate.register(document, hex, List.of(naming.pcrName(pcr.getKey())), now, form);
        }
        if (pcr8 != null) {
            String hex = HexFormat.of().formatHex(Hex.bytes32("--pcr8", pcr8));
            List<String> targets = names == null || names.isEmpty() ? List.of(naming.pcrName(8)) : names;
            document = ReferenceValuesUpdate.register(document, hex, targets, now, form);
        }
        cli.out.print(document);
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
