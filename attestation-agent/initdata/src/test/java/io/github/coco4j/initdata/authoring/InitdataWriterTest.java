package io.github.coco4j.initdata.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.initdata.Initdata;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitdataWriterTest {
    @Test
    void valuesSurviveByteForByte() throws Exception {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("aa.toml", "[token_configs.kbs]\nurl = \"http://kbs\"\n");
        data.put("quotes", "it's '''triple''' and \"double\" \\ back\n");
        data.put("control", "bell\u0007 cr\r\n tab\t");
        data.put("ends-with-quote", "x'");
        data.put("empty", "");
        byte[] toml = InitdataWriter.write("sha384", data);
        Initdata parsed = Initdata.parse(toml);
        assertEquals(data, parsed.data());
        assertEquals("sha384", parsed.algorithm().wireName());
        assertTrue(new String(toml, StandardCharsets.UTF_8).contains("\"aa.toml\" = '''\n[token_configs.kbs]\n"),
                "plain values stay literal and readable");
    }
}
