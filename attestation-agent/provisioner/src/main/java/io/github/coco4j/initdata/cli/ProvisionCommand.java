package io.github.coco4j.initdata.cli;

import io.github.coco4j.provision.Provisioner;
import io.github.coco4j.provision.Sources;
import io.github.coco4j.tpm.TpmAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Boot-time provisioning of a peer-pod VM: fetch the user-data, write the files it "
                + "carries and the initdata's aa.toml, cdh.toml and policy.rego, record initdata.digest, and "
                + "extend the digest into PCR8 once per boot. On any failure it exits non-zero and leaves "
                + "no configuration behind."})
final class ProvisionCommand implements Callable<Integer> {
    @ParentCommand
    InitdataCli cli;

    @Option(names = "--source", defaultValue = "auto", paramLabel = "SOURCE",
            description = "auto, file:PATH (cloud-config user-data), initdata:PATH (an annotation), cidata, azure, aws or gcp (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--out", defaultValue = "/run/peerpod", paramLabel = "DIR",
            description = "Where the files go; user-data paths under /run/peerpod/ land here (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--tpm", defaultValue = "auto", paramLabel = "TPM",
            description = "auto (/dev/tpmrm0, /dev/tpm0), device:PATH, tcp:HOST:PORT (swtpm), or none where the "
                    + "platform binds initdata in hardware (TDX, SNP) (default: ${DEFAULT-VALUE}).")
    String tpm;

    @Option(names = "--timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "How long to wait for the user-data (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--retry-interval", defaultValue = "5000", paramLabel = "MS",
            description = "Pause between attempts to fetch the user-data (default: ${DEFAULT-VALUE}).")
    long retryMillis;

    @Option(names = "--imds-url", paramLabel = "URL",
            description = "Base URL of the instance metadata service (default: the cloud's own).")
    String imdsUrl;

    @Override
    public Integer call() throws Exception {
        Provisioner provisioner = new Provisioner(Sources.resolve(source, imdsUrl), out, TpmAddress.parse(tpm),
                Duration.ofSeconds(timeoutSeconds), Duration.ofMillis(retryMillis));
        Provisioner.Result result = provisioner.run();
        cli.out.println("source:   " + result.source());
        cli.out.println("initdata: " + result.initdata().algorithm().wireName() + " "
                + HexFormat.of().formatHex(result.initdata().digest()));
        cli.out.println("wrote:    " + result.written().stream().map(Path::toString).collect(Collectors.joining(" ")));
        cli.out.println("pcr8:     " + result.pcr8().map(v -> HexFormat.of().formatHex(v)
                + (result.extended() ? " (extended)" : " (already measured this boot)")).orElse("not measured (--tpm none)"));
        return 0;
    }
}
