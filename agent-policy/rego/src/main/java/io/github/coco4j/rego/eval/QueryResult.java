package io.github.coco4j.rego.eval;

import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.Value;
import java.util.List;

/** One solution of a query: the value of each of its expressions and the variables it bound. */
public record QueryResult(List<Value> expressions, ObjectValue bindings) {
}
