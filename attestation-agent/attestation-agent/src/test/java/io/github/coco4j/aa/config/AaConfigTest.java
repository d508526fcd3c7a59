package io.github.coco4j.aa.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.aa.kbs.TeeKeyAlgorithm;
import io.github.coco4j.config.ConfigException;
import io.github.coco4j.testing.InitDataVectors;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;

class AaConfigTest {
    @Test
    void upstreamExampleConfiguration() throws Exception {
        AaConfig config = AaConfig.parse("""
                [token_configs]

                [token_configs.coco_as]
                url = "http://127.0.0.1:8000"

                [token_configs.kbs]
                url = "https://127.0.0.1:8080"
                tee_key_algorithm = "ECDH-ES+A256KW-P521"
                cert = '''
                -----BEGIN CERTIFICATE-----
                MIIB
                -----END CERTIFICATE-----
                '''

                [eventlog_config]
                init_pcr = 17
                enable_eventlog = true

                [log]
                level = "warn"
                """, "aa.toml");
        AaConfig.KbsConfig kbs = config.kbs().orElseThrow();
        assertEquals(URI.create("https://127.0.0.1:8080"), kbs.url());
        assertEquals(TeeKeyAlgorithm.ECDH_ES_A256KW_P521, kbs.teeKeyAlgorithm());
        assertTrue(kbs.certificatePem().orElseThrow().contains("BEGIN CERTIFICATE"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8000")), config.cocoAs());
        assertEquals(new AaConfig.EventLogConfig(17, true), config.eventLog());
        assertEquals("warn", config.logLevel());
    }

    @Test
    void workshopInitDataAaToml() throws Exception {
        String aaToml = Toml.parse(InitDataVectors.vector("workshop-initdata").get("toml").asText())
                .getString("data.\"aa.toml\"");
        AaConfig config = AaConfig.parse(aaToml, "aa.toml");
        assertEquals("http", config.kbs().orElseThrow().url().getScheme());
        assertEquals(TeeKeyAlgorithm.ECDH_ES_A256KW_P256, config.kbs().orElseThrow().teeKeyAlgorithm());
        assertFalse(config.kbs().orElseThrow().certificatePem().isPresent());
        assertEquals(AaConfig.EventLogConfig.DEFAULT, config.eventLog());
    }

    @Test
    void errorsNameTheKey() {
        assertEquals("aa.toml: token_configs.kbs.url is required", assertThrows(ConfigException.class,
                () -> AaConfig.parse("[token_configs.kbs]\ncert = \"x\"\n", "aa.toml")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> AaConfig.parse(
                "[token_configs.kbs]\nurl = \"ftp://kbs\"\n", "aa.toml")).getMessage().contains("http(s) URL"));
        assertTrue(assertThrows(ConfigException.class, () -> AaConfig.parse(
                "[eventlog_config]\ninit_pcr = 24\n", "aa.toml")).getMessage().contains("init_pcr"));
        assertTrue(assertThrows(ConfigException.class, () -> AaConfig.parse("not toml [", "aa.toml"))
                .getMessage().startsWith("aa.toml:"));
    }
}
