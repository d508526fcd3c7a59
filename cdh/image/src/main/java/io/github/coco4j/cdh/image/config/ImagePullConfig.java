package io.github.coco4j.cdh.image.config;

import io.github.coco4j.cdh.image.registry.ProxySettings;
import io.github.coco4j.cdh.image.registry.RegistryRules;
import io.github.coco4j.config.ConfigException;
import io.github.coco4j.config.TomlConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;

/**
 * cdh.toml's {@code [image]} section, with upstream's names and defaults (image-rs ImageConfig).
 * An inline value and a URI for the same document: the policy and sigstore URIs win over their
 * inline forms, the inline registry table wins over its URI — as upstream.
 */
public record ImagePullConfig(Path workDir, Optional<String> policyUri, Optional<String> policy,
                              Optional<String> sigstoreConfigUri, Optional<String> sigstoreConfig,
                              Optional<String> credentialsUri, Optional<String> registryConfigUri,
                              Optional<RegistryRules> registryConfig, int maxConcurrentLayerDownloads,
                              ProxySettings proxy, List<String> extraRootCertificates, Limits limits) {
    public static final Path DEFAULT_WORK_DIR = Path.of("/run/kata-containers/image");
    public static final int DEFAULT_CONCURRENCY = 3;
    /** The keys this section knows, for the file's unknown-key warnings. */
    public static final Set<String> KEYS = Set.of("image.work_dir", "image.image_security_policy_uri",
            "image.image_security_policy", "image.sigstore_config_uri", "image.sigstore_config",
            "image.authenticated_registry_credentials_uri", "image.registry_configuration_uri", "image.registry_config",
            "image.max_concurrent_layer_downloads_per_image", "image.image_pull_proxy.https_proxy",
            "image.image_pull_proxy.http_proxy", "image.image_pull_proxy.no_proxy", "image.extra_root_certificates");

    public static ImagePullConfig defaults() {
        return new ImagePullConfig(DEFAULT_WORK_DIR, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_CONCURRENCY, ProxySettings.NONE, List.of(),
                Limits.DEFAULT);
    }

    public static ImagePullConfig read(TomlConfig toml) throws ConfigException {
        long concurrency = toml.integer("image.max_concurrent_layer_downloads_per_image").orElse((long) DEFAULT_CONCURRENCY);
        if (concurrency < 1 || concurrency > 64) {
            throw toml.error("image.max_concurrent_layer_downloads_per_image", "must be from 1 to 64");
        }
        Optional<RegistryRules> inlineRules;
        ProxySettings proxy;
        try {
            inlineRules = toml.table("image.registry_config").map(t -> RegistryRules.from(t, toml.source() + " image.registry_config"));
            proxy = new ProxySettings(toml.string("image.image_pull_proxy.https_proxy"),
                    toml.string("image.image_pull_proxy.http_proxy"), toml.string("image.image_pull_proxy.no_proxy"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(toml.source() + ": " + e.getMessage());
        }
        return new ImagePullConfig(toml.string("image.work_dir").map(Path::of).orElse(DEFAULT_WORK_DIR),
                toml.string("image.image_security_policy_uri"), toml.string("image.image_security_policy"),
                toml.string("image.sigstore_config_uri"), toml.string("image.sigstore_config"),
                toml.string("image.authenticated_registry_credentials_uri"), toml.string("image.registry_configuration_uri"),
                inlineRules, (int) concurrency, proxy, roots(toml), Limits.DEFAULT);
    }

    private static List<String> roots(TomlConfig toml) throws ConfigException {
        List<String> out = new ArrayList<>();
        Optional<TomlArray> array = toml.array("image.extra_root_certificates");
        for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
            if (!(array.get().get(i) instanceof String pem) || !pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw toml.error("image.extra_root_certificates[" + i + "]", "must be a PEM certificate string");
            }
            out.add(pem);
        }
        return List.copyOf(out);
    }

    public ImagePullConfig withLimits(Limits newLimits) {
        return new ImagePullConfig(workDir, policyUri, policy, sigstoreConfigUri, sigstoreConfig, credentialsUri,
                registryConfigUri, registryConfig, maxConcurrentLayerDownloads, proxy, extraRootCertificates, newLimits);
    }

    public ImagePullConfig withWorkDir(Path dir) {
        return new ImagePullConfig(dir, policyUri, policy, sigstoreConfigUri, sigstoreConfig, credentialsUri,
                registryConfigUri, registryConfig, maxConcurrentLayerDownloads, proxy, extraRootCertificates, limits);
    }
}
