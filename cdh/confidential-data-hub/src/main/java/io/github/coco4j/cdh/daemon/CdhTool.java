package io.github.coco4j.cdh.daemon;

import io.github.coco4j.aa.client.AttestationAgentClient;
import io.github.coco4j.cdh.config.CdhConfig;
import io.github.coco4j.cdh.image.manifest.Platform;
import io.github.coco4j.cdh.service.ImagePulls;
import io.github.coco4j.cli.Cli;
import io.github.coco4j.cli.LogLevelOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cdh-tool}: the data hub's work done once from the command line, for debugging a configuration. */
@Command(name = "cdh-tool", mixinStandardHelpOptions = true, subcommands = CdhTool.PullImage.class,
        description = "Runs what the confidential data hub would, once, with its cdh.toml.")
public final class CdhTool implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("cdh-tool: name a subcommand (pull-image); see --help");
        return 2;
    }

    @Command(name = "pull-image", mixinStandardHelpOptions = true,
            description = "Pulls IMAGE into BUNDLE/rootfs as PullImage would (cdh.toml's [image] and [kbc]), "
                    + "and prints the manifest digest.")
    static final class PullImage implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "/run/peerpod/cdh.toml",
                description = "cdh.toml (default: ${DEFAULT-VALUE})")
        Path config;

        @Option(names = "--platform", paramLabel = "OS/ARCH", description = "the platform to pick from an index (default: this JVM's)")
        String platform;

        @Mixin
        LogLevelOption logging;

        @Parameters(index = "0", paramLabel = "IMAGE")
        String image;

        @Parameters(index = "1", paramLabel = "BUNDLE")
        Path bundle;

        @Override
        public Integer call() throws Exception {
            logging.apply();
            CdhConfig settings = CdhConfig.load(config);
            AttestationAgentClient aa = ConfidentialDataHubDaemon.connectAgent(settings);
            try {
                var puller = ImagePulls.create(settings.image(), ConfidentialDataHubDaemon.openKbc(settings, aa, null),
                        platform == null ? Platform.current() : Platform.parse(platform));
                System.out.println(puller.pull(image, bundle.toAbsolutePath()));
                return 0;
            } finally {
                if (aa != null) {
                    aa.close();
                }
            }
        }
    }

    public static void main(String[] args) {
        Cli.exit(args, new CdhTool());
    }
}
