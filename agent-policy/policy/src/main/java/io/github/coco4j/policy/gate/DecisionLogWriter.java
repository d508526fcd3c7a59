package io.github.coco4j.policy.gate;

import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.rego.value.ValueWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The debug decision log: one line {@code {"kind":"<Msg>","request":<input>}} per request, the
 * format {@code agent-policy replay} reads. Streams, stats and policy uploads are not logged.
 */
public final class DecisionLogWriter implements Closeable {
    private static final Set<String> NOT_LOGGED = Set.of("StatsContainerRequest", "ReadStreamRequest", "SetPolicyRequest");

    private final Writer out;

    public DecisionLogWriter(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    void record(String kind, Value input) {
        if (NOT_LOGGED.contains(kind)) {
            return;
        }
        StringBuilder line = new StringBuilder("{\"kind\":");
        ValueWriter.json(StringValue.of(kind), line);
        line.append(",\"request\":");
        ValueWriter.json(input, line);
        line.append("}\n");
        try {
            out.write(line.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
