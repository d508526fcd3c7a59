package io.github.coco4j.rego.ast;

import java.util.List;

/** {@code import data.a.b as c} or {@code import input.x}; the alias defaults to the last segment. */
public record Import(Position position, List<String> path, String alias) {
}
