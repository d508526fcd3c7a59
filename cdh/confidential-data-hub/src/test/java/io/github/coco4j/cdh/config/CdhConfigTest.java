package io.github.coco4j.cdh.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CdhConfigTest {
    @Test
    void theWorkshopsFileIsAcceptedAsItIs() throws Exception {
        String template = Files.readString(Path.of(System.getProperty("coco4j.root"), "tools/demo/initdata.toml.in"));
        int start = template.indexOf("\"cdh.toml\" = '''") + "\"cdh.toml\" = '''".length();
        String cdh = template.substring(start, template.indexOf("'''", start)).replace("@KBS_URL@", "http://10.0.0.1:8080");
        CdhConfig config = CdhConfig.parse(cdh, "cdh.toml");
        assertEquals("unix:///run/confidential-containers/cdh.sock", config.socket());
        assertEquals("cc_kbc", config.kbc().name());
        assertEquals("http://10.0.0.1:8080", config.kbc().url());
        assertEquals(List.of(), config.credentials());
        assertEquals(io.github.coco4j.wire.DefaultAddresses.ATTESTATION_AGENT, config.aaSocket());
    }

    @Test
    void credentialsAndAnImageSection() throws Exception {
        CdhConfig config = CdhConfig.parse("""
                socket = "unix:///tmp/cdh.sock"
                [kbc]
                name = "offline_fs_kbc"
                [[credentials]]
                resource_uri = "kbs:///default/cred/c1"
                path = "/run/confidential-containers/cdh/kbs/c1"
                [image]
                work_dir = "/run/image"
                image_security_policy_uri = "kbs:///default/security-policy/test"
                max_concurrent_layer_downloads_per_image = 2
                [image.image_pull_proxy]
                https_proxy = "http://proxy:3128"
                no_proxy = "127.0.0.1"
                [[image.registry_config.registry]]
                location = "127.0.0.1:5057"
                insecure = true
                """, "cdh.toml");
        assertEquals(Path.of("/run/image"), config.image().workDir());
        assertEquals(java.util.Optional.of("kbs:///default/security-policy/test"), config.image().policyUri());
        assertEquals(2, config.image().maxConcurrentLayerDownloads());
        assertEquals(java.util.Optional.of("http://proxy:3128"), config.image().proxy().httpsProxy());
        assertTrue(config.image().registryConfig().orElseThrow().rules().get(0).insecure());
        assertEquals(Path.of("/run/confidential-containers/cdh/kbs/c1"), config.credentials().get(0).path());
        assertEquals(java.time.Duration.ZERO, config.cacheTtl(), "the cache is off by default");
        assertEquals(java.time.Duration.ofSeconds(30), CdhConfig.parse("[kbc]\nname = \"offline_fs_kbc\"\n"
                + "[resource_cache]\nttl_seconds = 30\n", "cdh.toml").cacheTtl());
    }

    @Test
    void unknownKeysAreIgnoredAsUpstreamIgnoresThem() throws Exception {
        CdhConfig config = CdhConfig.parse("sockett = \"x\"\n[kbc]\nname = \"offline_fs_kbc\"\nnmae = \"y\"\n", "cdh.toml");
        assertEquals("offline_fs_kbc", config.kbc().name());
        assertEquals(io.github.coco4j.wire.DefaultAddresses.CONFIDENTIAL_DATA_HUB, config.socket());
    }

    @Test
    void mistakesNameTheKey() {
        assertTrue(error("[kbc]\nname = \"cc_kbc\"\n").contains("kbc.url"));
        assertTrue(error("[kbc]\nname = \"other\"\n").contains("kbc.name 'other'"));
        assertTrue(error("[kbc]\nname = \"offline_fs_kbc\"\n[[credentials]]\nresource_uri = \"kbs:///a/b/c\"\n"
                + "path = \"/run/confidential-containers/cdh/kbs/../../../etc/shadow\"\n").contains("credentials[0].path"));
        assertTrue(error("socket = \"x\"\n").contains("[kbc] is missing"));
    }

    private static String error(String toml) {
        return assertThrows(io.github.coco4j.config.ConfigException.class, () -> CdhConfig.parse(toml, "cdh.toml")).getMessage();
    }
}
