package io.github.coco4j.kbs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KbsConfigTest {
    /** A Trustee operator style kbs-config.toml as workshops deploy it, paths changed to a test tree. */
    private static final String WORKSHOP_STYLE = """
            [http_server]
            sockets = ["127.0.0.1:0"]
            insecure_http = true

            [admin]
            insecure_api = true
            auth_public_key = "/etc/auth-secret/publicKey"

            [attestation_token]
            insecure_key = true
            attestation_token_type = "CoCo"

            [attestation_service]
            type = "coco_as_builtin"
            work_dir = "/opt/confidential-containers/attestation-service"
            policy_engine = "opa"

              [attestation_service.attestation_token_broker]
              type = "Ear"
              policy_dir = "/opt/confidential-containers/attestation-service/policies"

              [attestation_service.attestation_token_config]
              duration_min = 7

              [attestation_service.rvps_config]
              type = "BuiltIn"

                [attestation_service.rvps_config.storage]
                type = "LocalJson"
                file_path = "rvps/reference-values.json"

            [[plugins]]
            name = "resource"
            type = "LocalFs"
            dir_path = "repository"

            [policy_engine]
            policy_path = "policy.rego"
            """;

    @Test
    void workshopStyleFileYieldsTheSubsetThisKbsUses() throws Exception {
        Path base = Path.of("/srv/kbs");
        KbsConfig config = KbsConfig.parse(WORKSHOP_STYLE, "kbs-config.toml", base);
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 0)), config.sockets());
        assertTrue(config.insecureHttp());
        assertEquals(Optional.of(base.resolve("repository")), config.repository());
        assertEquals(Optional.of(base.resolve("rvps/reference-values.json")), config.referenceValues());
        assertEquals(Optional.of(base.resolve("policy.rego")), config.policy());
        assertEquals(Duration.ofMinutes(7), config.tokenDuration());
        assertEquals(KbsConfig.DEFAULT_TIMEOUT, config.sessionTimeout());
        assertFalse(config.allowSampleEvidence());
        assertEquals(Optional.of(Path.of("/opt/confidential-containers/attestation-service/policies")),
                config.attestationPolicyDir());
        assertEquals(Optional.empty(), config.snpDevelopmentRoot());
    }

    @Test
    void developmentSnpRootIsOnlyWhatTheFileNames() throws Exception {
        KbsConfig config = KbsConfig.parse("[development]\ninsecure_snp_development_root = \"dev-ark.pem\"\n",
                "kbs.toml", Path.of("/srv/kbs"));
        assertEquals(Optional.of(Path.of("/srv/kbs/dev-ark.pem")), config.snpDevelopmentRoot());
    }

    @Test
    void defaultsAreTrustees() throws Exception {
        KbsConfig config = KbsConfig.parse("", "empty", Path.of("."));
        assertEquals(List.of(KbsConfig.DEFAULT_SOCKET), config.sockets());
        assertFalse(config.insecureHttp());
    }

    @Test
    void wrongValuesNameTheKey() {
        io.github.coco4j.config.ConfigException e = assertThrows(io.github.coco4j.config.ConfigException.class,
                () -> KbsConfig.parse("[http_server]\nsockets = [\"localhost\"]\n", "kbs.toml", Path.of(".")));
        assertEquals("kbs.toml: http_server.sockets 'localhost' is not host:port", e.getMessage());
        e = assertThrows(io.github.coco4j.config.ConfigException.class, () -> KbsConfig.parse(
                "[[plugins]]\nname = \"resource\"\ntype = \"Vault\"\n", "kbs.toml", Path.of(".")));
        assertTrue(e.getMessage().contains("plugins[0].type"), e.getMessage());
    }
}
