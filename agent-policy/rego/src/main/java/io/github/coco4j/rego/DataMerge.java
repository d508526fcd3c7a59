package io.github.coco4j.rego;

import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.Value;

/** Deep merge of data documents: objects merge key by key, anything else must be equal. */
final class DataMerge {
    private DataMerge() {
    }

    static Value merge(Value into, Value from, String path) {
        if (into instanceof ObjectValue a && from instanceof ObjectValue b) {
            ObjectValue out = a;
            for (int i = 0; i < b.size(); i++) {
                Value key = b.keyAt(i);
                Value existing = a.get(key);
                out = out.with(key, existing == null ? b.valueAt(i) : merge(existing, b.valueAt(i), path + "." + key));
            }
            return out;
        }
        if (!into.equals(from)) {
            throw new RegoException("conflicting data at " + path);
        }
        return into;
    }
}
