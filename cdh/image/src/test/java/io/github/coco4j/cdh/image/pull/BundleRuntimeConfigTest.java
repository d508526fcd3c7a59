package io.github.coco4j.cdh.image.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRuntimeConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode spec(String imageConfig) throws Exception {
        return BundleRuntimeConfig.of(JSON.readTree(imageConfig));
    }

    @Test
    void theImagesProcessIsEntrypointAndCmdWithItsEnvWorkingDirAndNumericUser() throws Exception {
        JsonNode spec = spec("""
                {"os":"linux","architecture":"amd64","config":{"Entrypoint":["/bin/app"],"Cmd":["--flag"],
                 "Env":["A=1"],"WorkingDir":"/srv","User":"1000:100","Volumes":{"/data":{}},
                 "Labels":{"org.opencontainers.image.os":"from-label","x":"y"}}}""");
        assertEquals("""
                {"terminal":false,"user":{"uid":1000,"gid":100},"args":["/bin/app","--flag"],"env":["A=1"],"cwd":"/srv"}""",
                spec.path("process").toString());
        assertEquals("rootfs", spec.path("root").path("path").asText());
        assertEquals("image-rs", spec.path("hostname").asText());
        assertEquals("/data", spec.path("mounts").path(0).path("destination").asText());
        assertEquals(JSON.readTree("""
                {"org.opencontainers.image.os":"from-label","org.opencontainers.image.architecture":"amd64","x":"y"}"""),
                spec.path("annotations"));
    }

    @Test
    void anImageThatSaysNothingGetsTheOciProcessDefaultsAndANamedUserIsRootAsUpstream() throws Exception {
        JsonNode process = spec("{\"os\":\"linux\",\"config\":{\"User\":\"nobody\"}}").path("process");
        assertEquals("[\"sh\"]", process.path("args").toString());
        assertEquals("[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"TERM=xterm\"]",
                process.path("env").toString());
        assertEquals("/", process.path("cwd").asText());
        assertEquals("{\"uid\":0,\"gid\":0}", process.path("user").toString());
    }

    @Test
    void theBundlesConfigIsTheSpecIndentedByJacksonsDefaultPrettyPrinter(@TempDir Path bundle) throws Exception {
        JsonNode image = JSON.readTree("""
                {"os":"linux","architecture":"arm64","config":{"Cmd":["echo","é \\"x\\""],"Labels":{"a":"b"}}}""");
        BundleRuntimeConfig.write(bundle, image);
        assertEquals(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(BundleRuntimeConfig.of(image)),
                Files.readString(bundle.resolve(BundleRuntimeConfig.FILE)));
    }
}
