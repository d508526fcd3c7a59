package io.github.coco4j.provision;

import io.github.coco4j.errors.Failures;
import io.github.coco4j.files.AtomicFiles;
import io.github.coco4j.initdata.Annotation;
import io.github.coco4j.initdata.Initdata;
import io.github.coco4j.initdata.InitdataException;
import io.github.coco4j.tpm.TpmAccessException;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Boot-time provisioning of a peer-pod VM: fetch the user-data, take the files it may write and
 * the initdata it carries, measure the initdata into PCR8, then write the configuration for the
 * attestation agent, the data hub and the agent policy. Fails closed: when anything goes wrong
 * none of those configuration files is left behind, so nothing downstream can start on them.
 */
public final class Provisioner {
    /** The directory user-data paths refer to; files land in the output directory instead. */
    public static final String PEERPOD_DIR = "/run/peerpod/";
    /** Files cloud-config may write, as upstream allows. */
    static final Set<String> WRITE_FILES = Set.of("aa.toml", "cdh.toml", "apf.json", "auth.json", "initdata");
    /** Initdata entries that become files. */
    static final Set<String> DATA_FILES = Set.of("aa.toml", "cdh.toml", "policy.rego");
    public static final String DIGEST_FILE = "initdata.digest";
    /** Measured when the VM got no initdata at all, exactly as upstream measures it. */
    static final String PLACEHOLDER = "algorithm = \"sha256\"\nversion = \"0.1.0\"\n\n[data]\n\"aa.toml\" = '''\n'''";

    private static final Logger LOG = Logger.getLogger(Provisioner.class.getName());

    private final Optional<UserDataSource> source;
    private final Path out;
    private final TpmAddress tpm;
    private final Duration timeout;
    private final Duration retryInterval;

    public Provisioner(Optional<UserDataSource> source, Path out, TpmAddress tpm, Duration timeout, Duration retryInterval) {
        this.source = source;
        this.out = out;
        this.tpm = tpm;
        this.timeout = timeout;
        this.retryInterval = retryInterval;
    }

    /** What a successful run did. */
    public record Result(String source, Initdata initdata, List<Path> written, Optional<Pcr8Measurement.Outcome> measurement) {
        public boolean extended() {
            return measurement.map(Pcr8Measurement.Outcome::extended).orElse(false);
        }

        public Optional<byte[]> pcr8() {
            return measurement.map(Pcr8Measurement.Outcome::pcr8);
        }
    }

    public Result run() throws ProvisionException {
        try {
            return provision();
        } catch (Throwable e) {
            // Errors too (no memory, no stack): no failure may leave an earlier run's configuration.
            removeConfiguration();
            if (e instanceof TpmAccessException) {
                throw new ProvisionException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private Result provision() throws ProvisionException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String annotation = null;
        if (source.isPresent()) {
            byte[] fetched = fetch(source.get());
            if (source.get().isAnnotation()) {
                annotation = new String(fetched, StandardCharsets.US_ASCII);
                files.put("initdata", fetched);
            } else {
                files.putAll(allowedWriteFiles(CloudConfig.parse(fetched)));
                byte[] carried = files.get("initdata");
                annotation = carried == null ? null : new String(carried, StandardCharsets.US_ASCII);
            }
        }
        if (annotation == null) {
            annotation = existingOrPlaceholder(files);
        }
        Initdata initdata = parse(annotation);
        for (Map.Entry<String, String> entry : initdata.data().entrySet()) {
            if (DATA_FILES.contains(entry.getKey())) {
                files.put(entry.getKey(), entry.getValue().getBytes(StandardCharsets.UTF_8));
            } else {
                LOG.info("initdata entry '" + entry.getKey() + "' is not a provisioned file; skipped");
            }
        }
        files.put(DIGEST_FILE, HexFormat.of().formatHex(initdata.digest()).getBytes(StandardCharsets.US_ASCII));
        Optional<Pcr8Measurement.Outcome> measurement = measure(initdata);
        return new Result(source.map(UserDataSource::name).orElse("none"), initdata, write(files), measurement);
    }

    private byte[] fetch(UserDataSource from) throws ProvisionException {
        Instant deadline = Instant.now().plus(timeout);
        for (int attempt = 1; ; attempt++) {
            Duration left = Duration.between(Instant.now(), deadline);
            try {
                return from.fetch(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
            } catch (UserDataSource.TooLargeException e) {
                throw new ProvisionException(e.getMessage(), e);
            } catch (IOException e) {
                if (Instant.now().plus(retryInterval).isAfter(deadline)) {
                    throw new ProvisionException("no user-data from " + from.name() + " within " + timeout.toSeconds()
                            + " s: " + Failures.describe(e), e);
                }
                LOG.info("user-data from " + from.name() + " not available (attempt " + attempt + "): " + e.getMessage());
                sleep(retryInterval);
            }
        }
    }

    private Map<String, byte[]> allowedWriteFiles(CloudConfig config) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (CloudConfig.WriteFile file : config.writeFiles()) {
            String name = file.path().startsWith(PEERPOD_DIR) ? file.path().substring(PEERPOD_DIR.length()) : null;
            if (name != null && WRITE_FILES.contains(name)) {
                files.put(name, file.content().getBytes(StandardCharsets.UTF_8));
            } else {
                LOG.warning("user-data may not write " + file.path() + "; skipped");
            }
        }
        return files;
    }

    /** Initdata that something else (cloud-init) put in the output directory, else the placeholder. */
    private String existingOrPlaceholder(Map<String, byte[]> files) throws ProvisionException {
        Path existing = out.resolve("initdata");
        if (Files.exists(existing)) {
            try {
                return Files.readString(existing, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new ProvisionException("cannot read " + existing + ": " + Failures.describe(e), e);
            }
        }
        LOG.info("no initdata delivered; measuring the placeholder initdata");
        String placeholder = Annotation.encode(PLACEHOLDER.getBytes(StandardCharsets.UTF_8));
        files.put("initdata", placeholder.getBytes(StandardCharsets.US_ASCII));
        return placeholder;
    }

    private static Initdata parse(String annotation) throws ProvisionException {
        try {
            return Initdata.parse(Annotation.decode(annotation));
        } catch (InitdataException e) {
            throw new ProvisionException(e.getMessage(), e);
        }
    }

    private Optional<Pcr8Measurement.Outcome> measure(Initdata initdata) throws ProvisionException {
        if (tpm instanceof TpmAddress.None) {
            LOG.warning("initdata is not measured into a TPM (--tpm none): the platform must bind it (TDX, SNP)");
            return Optional.empty();
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new ProvisionException("cannot create " + out + ": " + Failures.describe(e), e);
        }
        try (TpmService service = TpmService.open(tpm)) {
            return Optional.of(Pcr8Measurement.measure(service, initdata.digest(), out));
        }
    }

    private List<Path> write(Map<String, byte[]> files) throws ProvisionException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = out.resolve(file.getKey());
            try {
                AtomicFiles.write(target, file.getValue(), "rw-r--r--");
                written.add(target);
            } catch (IOException e) {
                throw new ProvisionException("cannot write " + target + ": " + Failures.describe(e), e);
            }
        }
        return written;
    }

    private void removeConfiguration() {
        List<String> names = new ArrayList<>(DATA_FILES);
        names.add(DIGEST_FILE);
        for (String name : names) {
            try {
                Files.deleteIfExists(out.resolve(name));
            } catch (IOException e) {
                LOG.severe("cannot remove " + out.resolve(name) + " after a failed provisioning: " + Failures.describe(e));
            }
        }
    }

    private static void sleep(Duration duration) throws ProvisionException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException("interrupted while waiting for user-data", e);
        }
    }
}
