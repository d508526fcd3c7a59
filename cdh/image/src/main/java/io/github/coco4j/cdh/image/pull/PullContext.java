package io.github.coco4j.cdh.image.pull;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import io.github.coco4j.cdh.image.config.ImagePullConfig;
import io.github.coco4j.cdh.image.policy.PolicyEvaluator;
import io.github.coco4j.cdh.image.policy.SignaturePolicy;
import io.github.coco4j.cdh.image.policy.SignatureVerifier;
import io.github.coco4j.cdh.image.registry.RegistryCredentials;
import io.github.coco4j.cdh.image.registry.RegistryHttpClients;
import io.github.coco4j.cdh.image.registry.RegistryRules;
import io.github.coco4j.cdh.image.resource.Resources;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * What a puller fetches once, when it is built (as upstream's image client): the HTTP client, the
 * registry credentials, the registry rules and the signature policy with its verifiers.
 */
public record PullContext(ImagePullConfig config, Resources resources, HttpClient http, RegistryCredentials credentials,
                          RegistryRules rules, Optional<PolicyEvaluator> policy) {

    /** Makes the signature verifiers from the resources and the sigstore configuration document, when one is configured. */
    @FunctionalInterface
    public interface VerifierFactory {
        List<SignatureVerifier> create(Resources resources, Optional<byte[]> sigstoreConfig) throws IOException;
    }

    public static PullContext build(ImagePullConfig config, Resources resources, VerifierFactory verifiers) throws ImageException {
        HttpClient http;
        try {
            http = RegistryHttpClients.create(config.extraRootCertificates(), config.proxy(), config.limits().connectTimeout());
        } catch (GeneralSecurityException e) {
            throw new ImageException(Stage.CONFIGURATION, "extra_root_certificates: " + e.getMessage(), e);
        }
        RegistryCredentials credentials = config.credentialsUri().isPresent()
                ? parse(config.credentialsUri().get(), resources, RegistryCredentials::parse)
                : RegistryCredentials.NONE;
        RegistryRules rules = config.registryConfig().isPresent() ? config.registryConfig().get()
                : config.registryConfigUri().isPresent()
                ? parse(config.registryConfigUri().get(), resources,
                        b -> RegistryRules.parse(new String(b, StandardCharsets.UTF_8), config.registryConfigUri().get()))
                : RegistryRules.NONE;
        Optional<byte[]> policyDocument = document(config.policyUri(), config.policy(), resources);
        Optional<byte[]> sigstore = document(config.sigstoreConfigUri(), config.sigstoreConfig(), resources);
        Optional<PolicyEvaluator> policy = Optional.empty();
        if (policyDocument.isPresent()) {
            SignaturePolicy document = parse("the image security policy", policyDocument.get(), SignaturePolicy::parse);
            policy = Optional.of(new PolicyEvaluator(document, verifiers(verifiers, resources, sigstore)));
        }
        return new PullContext(config, resources, http, credentials, rules, policy);
    }

    private static List<SignatureVerifier> verifiers(VerifierFactory factory, Resources resources, Optional<byte[]> sigstore)
            throws ImageException {
        try {
            return factory.create(resources, sigstore);
        } catch (IOException | IllegalArgumentException e) {
            throw new ImageException(Stage.CONFIGURATION, "the sigstore configuration: " + e.getMessage(), e);
        }
    }

    private interface Parser<T> {
        T parse(byte[] content) throws IOException;
    }

    private static <T> T parse(String uri, Resources resources, Parser<T> parser) throws ImageException {
        return parse(uri, fetch(uri, resources), parser);
    }

    private static <T> T parse(String what, byte[] content, Parser<T> parser) throws ImageException {
        try {
            return parser.parse(content);
        } catch (IOException | IllegalArgumentException e) {
            throw new ImageException(Stage.CONFIGURATION, what + ": " + e.getMessage(), e);
        }
    }

    /** The URI's document when a URI is set, else the inline text. */
    private static Optional<byte[]> document(Optional<String> uri, Optional<String> inline, Resources resources) throws ImageException {
        if (uri.isPresent()) {
            return Optional.of(fetch(uri.get(), resources));
        }
        return inline.map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fetch(String uri, Resources resources) throws ImageException {
        try {
            return resources.fetch(uri);
        } catch (IOException e) {
            throw new ImageException(Stage.CONFIGURATION, "cannot fetch " + uri + ": " + e.getMessage(), e);
        }
    }
}
