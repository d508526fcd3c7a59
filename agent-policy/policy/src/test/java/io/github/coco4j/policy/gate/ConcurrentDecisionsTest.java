package io.github.coco4j.policy.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Interleaved requests from many threads against a policy that keeps state: no update is lost. */
class ConcurrentDecisionsTest {
    private static final String POLICY = """
            package agent_policy

            default running := 0
            running := data.pstate.running if data.pstate.running

            path := concat("/", ["", "pstate", input.container_id])

            CreateContainerRequest := {"allowed": true, "ops": [
                {"op": "add", "path": "/pstate/running", "value": running + 1},
                {"op": "add", "path": path, "value": true},
            ]}

            default ExecProcessRequest := false
            ExecProcessRequest if data.pstate[input.container_id]

            default RemoveContainerRequest := false
            RemoveContainerRequest := {"allowed": true, "ops": [
                {"op": "add", "path": "/pstate/running", "value": running - 1},
                {"op": "remove", "path": path},
            ]} if data.pstate[input.container_id]
            """;

    @Test
    void sixteenThreadsCreatingExecingAndRemovingLeaveAConsistentState() throws Exception {
        PolicyGate gate = PolicyGate.load("policy.rego", POLICY, true, null);
        int threads = 16;
        int containersPerThread = 40;
        AtomicInteger wrong = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < containersPerThread; i++) {
                        Value request = ObjectValue.builder().put("container_id", StringValue.of("c" + thread + "-" + i)).build();
                        expect(gate.decide("CreateContainerRequest", request), true, wrong);
                        expect(gate.decide("ExecProcessRequest", request), true, wrong);
                        expect(gate.decide("RemoveContainerRequest", request), true, wrong);
                        expect(gate.decide("ExecProcessRequest", request), false, wrong);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(0, wrong.get(), "decisions that differ from the sequential outcome");
        assertEquals(ObjectValue.builder().put("pstate", ObjectValue.builder().put("running", NumberValue.ZERO).build()).build(),
                gate.data());
    }

    private static void expect(Decision decision, boolean allowed, AtomicInteger wrong) {
        if (decision.allowed() != allowed) {
            wrong.incrementAndGet();
        }
    }
}
