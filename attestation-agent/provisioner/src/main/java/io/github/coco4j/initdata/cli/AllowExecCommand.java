package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.Annotation;
import io.github.coco4j.initdata.Initdata;
import io.github.coco4j.initdata.InitdataException;
import io.github.coco4j.initdata.Pcr8;
import io.github.coco4j.initdata.authoring.ExecAllowList;
import io.github.coco4j.initdata.authoring.InitdataWriter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "allow-exec", mixinStandardHelpOptions = true,
        description = {"Restrict 'oc exec' to exactly the given commands: print the initdata with its "
                + "policy.rego's exec rules replaced by a default deny and an allow-list (the arguments "
                + "joined by single spaces must equal a listed command). Everything else is kept."})
final class AllowExecCommand implements Callable<Integer> {
    static final String POLICY = "policy.rego";

    @ParentCommand
    InitdataCli cli;

    @Option(names = "--from", required = true, paramLabel = "FILE|ANNOTATION", description = "The initdata to start from.")
    String from;

    @Option(names = "--command", required = true, paramLabel = "CMD",
            description = "An allowed command line, e.g. \"uname -r\" (repeatable).")
    List<String> commands;

    @Option(names = "--annotation", description = "Print the pod annotation instead of the TOML.")
    boolean annotation;

    @Option(names = "--pcr8", description = "Also print the PCR8 value to register with the KBS.")
    boolean pcr8;

    @Override
    public Integer call() throws Exception {
        Initdata source = InitdataInput.initdata(from);
        String policy = source.data().get(POLICY);
        if (policy == null) {
            throw new InitdataException("the initdata has no \"" + POLICY + "\" to restrict");
        }
        Map<String, String> data = new LinkedHashMap<>(source.data());
        data.put(POLICY, ExecAllowList.apply(policy, commands));
        byte[] toml = InitdataWriter.write(source.algorithm().wireName(), data);
        Initdata result = Initdata.parse(toml);
        if (annotation) {
            cli.out.println(Annotation.encode(toml));
        } else {
            cli.out.write(toml);
        }
        if (pcr8) {
            cli.out.println(HexFormat.of().formatHex(Pcr8.expected(result.digest())));
        }
        cli.out.flush();
        return 0;
    }
}
