package io.github.coco4j.rego.ast;

import java.util.List;

/** A rule body or query: literals that must all hold. */
public record Query(Position position, List<Literal> literals) {
}
