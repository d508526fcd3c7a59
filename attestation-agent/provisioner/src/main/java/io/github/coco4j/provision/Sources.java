package io.github.coco4j.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Parses {@code --source} and finds the source {@code auto} stands for, in upstream's order: the
 * cidata file or disk, then Azure, AWS and GCP, recognised by the firmware's vendor string.
 */
public final class Sources {
    private static final Path SYS_VENDOR = Path.of("/sys/class/dmi/id/sys_vendor");

    private Sources() {
    }

    /**
     * The source {@code spec} names; empty for {@code auto} on a machine with no known source
     * (then initdata already in the output directory, or the placeholder, is measured).
     */
    public static Optional<UserDataSource> resolve(String spec, String imdsBase) {
        if (spec.equals("auto")) {
            return detect(imdsBase);
        }
        if (spec.startsWith("file:") && spec.length() > 5) {
            return Optional.of(new FileSource("file", Path.of(spec.substring(5)), false));
        }
        if (spec.startsWith("initdata:") && spec.length() > 9) {
            return Optional.of(new FileSource("initdata", Path.of(spec.substring(9)), true));
        }
        return Optional.of(switch (spec) {
            case "cidata" -> new CidataSource();
            case "azure" -> new ImdsSource(ImdsSource.Cloud.AZURE, imdsBase);
            case "aws" -> new ImdsSource(ImdsSource.Cloud.AWS, imdsBase);
            case "gcp" -> new ImdsSource(ImdsSource.Cloud.GCP, imdsBase);
            default -> throw new IllegalArgumentException("unknown source '" + spec
                    + "' (auto, file:PATH, initdata:PATH, cidata, azure, aws, gcp)");
        });
    }

    private static Optional<UserDataSource> detect(String imdsBase) {
        if (CidataSource.present()) {
            return Optional.of(new CidataSource());
        }
        String vendor = vendor();
        if (vendor.contains("Microsoft Corporation")) {
            return Optional.of(new ImdsSource(ImdsSource.Cloud.AZURE, imdsBase));
        }
        if (vendor.contains("Amazon EC2")) {
            return Optional.of(new ImdsSource(ImdsSource.Cloud.AWS, imdsBase));
        }
        if (vendor.contains("Google")) {
            return Optional.of(new ImdsSource(ImdsSource.Cloud.GCP, imdsBase));
        }
        return Optional.empty();
    }

    private static String vendor() {
        try {
            return Files.readString(SYS_VENDOR).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
