package io.github.coco4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlConfigTest {
    @Test
    void unknownKeysAreTheOutermostOnesOutsideTheKnown() throws Exception {
        TomlConfig config = TomlConfig.parse("""
                socket = "x"
                sockett = "y"
                [kbc]
                name = "n"
                nmae = "m"
                [image]
                anything = 1
                [other.deep]
                key = 1
                """, "cdh.toml");
        assertEquals(List.of("sockett", "kbc.nmae", "other"),
                config.unknownKeys(Set.of("socket", "kbc.name", "image")));
    }

    @Test
    void typedValuesNameFileAndKey() throws Exception {
        TomlConfig config = TomlConfig.parse("[log]\nlevel = 3\non = true\n", "aa.toml");
        assertEquals(Optional.of(true), config.bool("log.on"));
        assertEquals(Optional.empty(), config.string("log.absent"));
        assertEquals("aa.toml: log.level must be a string",
                assertThrows(ConfigException.class, () -> config.string("log.level")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> TomlConfig.parse("x = [", "aa.toml"))
                .getMessage().startsWith("aa.toml: "));
    }

    @Test
    void filesAreBoundedAndNamed(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.toml");
        Files.write(big, new byte[TomlConfig.MAX_BYTES + 1]);
        assertEquals(big + ": larger than " + TomlConfig.MAX_BYTES + " bytes",
                assertThrows(ConfigException.class, () -> TomlConfig.load(big)).getMessage());
        Path absent = dir.resolve("absent.toml");
        assertEquals("cannot read " + absent + ": no such file",
                assertThrows(ConfigException.class, () -> TomlConfig.load(absent)).getMessage());
    }
}
