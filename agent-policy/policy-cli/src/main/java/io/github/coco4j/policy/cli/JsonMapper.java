package io.github.coco4j.policy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The commands' one ObjectMapper, made when a command first reads or writes JSON: picocli makes
 * every command object to print the usage help, and a mapper of each would be made for nothing.
 */
final class JsonMapper {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonMapper() {
    }
}
