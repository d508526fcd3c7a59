package io.github.coco4j.initdata.cli;

import io.github.coco4j.initdata.Initdata;
import io.github.coco4j.initdata.PlatformForm;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Print the initdata digest (lower-case hex), or with --platform the form a TEE "
                + "carries (standard base64): tdx MRCONFIGID (48 B), snp HOSTDATA (32 B), cca (64 B), se (256 B)."})
final class DigestCommand implements Callable<Integer> {
    @ParentCommand
    InitdataCli cli;

    @Option(names = "--platform", paramLabel = "tdx|snp|cca|se", description = "Print the platform form in base64.")
    String platform;

    @Parameters(paramLabel = "FILE", description = "Initdata TOML, a file holding the annotation, or - for stdin.")
    String input;

    @Override
    public Integer call() throws Exception {
        PlatformForm form = platform == null ? null : PlatformForm.named(platform);
        byte[] digest = InitdataInput.initdata(input).digest();
        cli.out.println(form == null
                ? HexFormat.of().formatHex(digest)
                : Base64.getEncoder().encodeToString(form.of(digest)));
        return 0;
    }
}
