package io.github.coco4j.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import io.github.coco4j.kbs.testing.SelfSignedCertificate;

/**
 * The development KBS laid out as the workshop's Trustee, with the seed files of
 * {@code tools/demo/workshop/} as {@code ./run demo} uses them: its kbs-config.toml, default.rego
 * (the attestation policy) and policy.rego (the resource policy) as they are, the secrets
 * default/kbsres1/key1 and key2, HTTPS with a certificate of its own where the workshop's config
 * names it, the development root added, on a free loopback port.
 */
final class SeedWorkshopKbs {
    static final String SECRET = "Confidential_Secret!";
    private static final String REFERENCES = "rvps/reference-values/reference-values.json";

    private SeedWorkshopKbs() {
    }

    static KbsProcess start(Path dir, Path developmentRoot) throws Exception {
        Path resources = Files.createDirectories(dir.resolve("kbs/repository/default/kbsres1"));
        Files.writeString(resources.resolve("key1"), SECRET);
        byte[] key2 = new byte[128];
        new Random().nextBytes(key2);
        Files.write(resources.resolve("key2"), key2);
        Files.copy(seed("default.rego"),
                Files.createDirectories(dir.resolve("attestation-service/policies/opa")).resolve("default.rego"));
        Files.copy(seed("policy.rego"), Files.createDirectories(dir.resolve("opa")).resolve("policy.rego"));
        Files.writeString(Files.createDirectories(dir.resolve(REFERENCES).getParent()).resolve("reference-values.json"), "[]");
        Path config = Files.writeString(dir.resolve("kbs-config.toml"), Files.readString(seed("kbs-config.toml"))
                + "\n[development]\ninsecure_snp_development_root = \"" + developmentRoot + "\"\n");
        SelfSignedCertificate tls = SelfSignedCertificate.create(dir);
        Files.move(tls.privateKey(), Files.createDirectories(dir.resolve("https-key")).resolve("tls.key"));
        Files.move(tls.certificate(), Files.createDirectories(dir.resolve("https-cert")).resolve("tls.crt"));
        return KbsProcess.start(dir, config, "--socket", "127.0.0.1:0");
    }

    /** The KBS's certificate, which the guest's aa.toml and cdh.toml trust. */
    static Path certificate(Path dir) {
        return dir.resolve("https-cert/tls.crt");
    }

    /** The workshop's reference-values.json with {@code ${PCR8_HASH}} replaced, as the workshop registers PCR8. */
    static void registerPcr8(Path dir, String pcr8) throws Exception {
        Files.writeString(dir.resolve(REFERENCES), Files.readString(seed("reference-values.json")).replace("${PCR8_HASH}", pcr8));
    }

    private static Path seed(String file) {
        return Path.of(System.getProperty("coco4j.root"), "tools/demo/workshop", file);
    }
}
