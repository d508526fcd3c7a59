package io.github.coco4j.policy.bench;

import io.github.coco4j.policy.input.GoldenInputs;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Kata golden policies with the requests a pod sent: one operation evaluates the next request
 * of the directory on one engine, gathering prints, as the agent does (sampled: mean and
 * percentiles); {@code load} parses and compiles the policy.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class KataPolicyBenchmark {
    @Param({"k8s-policy-pod", "pod-cm1", "pod-exec", "pod-lifecycle", "pod-persistent-volumes", "web"})
    public String directory;

    private String policy;
    private Engine engine;
    private String[] rules;
    private Value[] inputs;
    private int next;

    @Setup
    public void setUp() throws IOException {
        policy = Files.readString(TestData.path("rego/kata-golden/" + directory + "/policy.rego"));
        engine = new Engine().addPolicy("policy.rego", policy, false);
        engine.compile();
        List<GoldenInputs.Request> requests = GoldenInputs.requests(directory);
        rules = requests.stream().map(r -> "data.agent_policy." + r.name()).toArray(String[]::new);
        inputs = requests.stream().map(r -> Json.toValue(r.input())).toArray(Value[]::new);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object evaluate() {
        int i = next;
        next = (i + 1) % rules.length;
        engine.setInput(inputs[i]);
        Value result = engine.evalRule(rules[i]);
        engine.takePrints();
        return result;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object load() {
        Engine fresh = new Engine().addPolicy("policy.rego", policy, false);
        return fresh.compile();
    }
}
