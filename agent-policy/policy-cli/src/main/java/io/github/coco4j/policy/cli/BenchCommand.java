package io.github.coco4j.policy.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.policy.decisionlog.DecisionLog;
import io.github.coco4j.policy.decisionlog.DecisionLogEntry;
import io.github.coco4j.rego.Engine;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code agent-policy bench}: replays a decision log repeatedly on one warm engine and reports timings. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time policy evaluation: {\"evals\":…,\"mean_ns_per_eval\":…,\"p99_ns\":…,\"load_ms\":…,\"peak_rss_mib\":…}.")
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    AgentPolicyCli cli;

    @Mixin
    PolicyOptions policy;

    @Option(names = "--requests", required = true, paramLabel = "FILE.jsonl", description = "The decision log to replay.")
    java.nio.file.Path requests;

    @Option(names = "--iters", defaultValue = "200", paramLabel = "N", description = "Timed replays of the whole log (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "200", paramLabel = "N", description = "Untimed replays first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("--iters must be at least 1 and --warmup at least 0");
        }
        List<DecisionLogEntry> entries = DecisionLog.read(requests);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(requests + ": no requests");
        }
        long loadStart = System.nanoTime();
        Engine engine = policy.load();
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        for (int i = 0; i < warmup; i++) {
            replay(engine, entries, null, 0);
        }
        long[] samples = new long[iterations * entries.size()];
        for (int i = 0; i < iterations; i++) {
            replay(engine, entries, samples, i * entries.size());
        }
        cli.out.println(JsonTrees.write(summary(samples, loadMs)));
        return 0;
    }

    private static void replay(Engine engine, List<DecisionLogEntry> entries, long[] samples, int offset) {
        for (int j = 0; j < entries.size(); j++) {
            DecisionLogEntry entry = entries.get(j);
            long start = System.nanoTime();
            engine.setInput(entry.request());
            engine.evalRule(entry.rule());
            engine.takePrints();
            if (samples != null) {
                samples[offset + j] = System.nanoTime() - start;
            }
        }
    }

    private static ObjectNode summary(long[] samples, double loadMs) {
        long total = 0;
        for (long s : samples) {
            total += s;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("evals", samples.length);
        out.put("mean_ns_per_eval", total / samples.length);
        out.put("p99_ns", sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)]);
        out.put("load_ms", Math.round(loadMs * 10) / 10.0);
        long peakKib = peakRssKib();
        if (peakKib > 0) {
            out.put("peak_rss_mib", Math.round(peakKib / 102.4) / 10.0);
        }
        return out;
    }

    /** The process's peak resident set (VmHWM), or 0 where /proc is not there. */
    private static long peakRssKib() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
