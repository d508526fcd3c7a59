package io.github.coco4j.cdh.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.coco4j.aa.client.AttestationAgentException;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc;
import io.github.coco4j.proto.aa.ExtendRuntimeMeasurementRequest;
import io.github.coco4j.proto.aa.ExtendRuntimeMeasurementResponse;
import io.github.coco4j.proto.aa.RuntimeMeasurementResult;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullMeasurementTest {
    private static final String IMAGE = "127.0.0.1:5055/encrypted:v1";
    private static final String DIGEST = "sha256:190e181fc19605f59f7576d3b0908a9d4ce55511e3640fb885117d357ffe6493";

    @TempDir
    Path dir;

    /** An attestation agent that records the events it is asked to measure and answers with {@code answer}. */
    private static final class FakeAgent extends AttestationAgentServiceGrpc.AttestationAgentServiceImplBase {
        final List<ExtendRuntimeMeasurementRequest> events = new CopyOnWriteArrayList<>();
        private final Status failure;
        private final RuntimeMeasurementResult answer;

        FakeAgent(Status failure, RuntimeMeasurementResult answer) {
            this.failure = failure;
            this.answer = answer;
        }

        @Override
        public void extendRuntimeMeasurement(ExtendRuntimeMeasurementRequest request,
                                             StreamObserver<ExtendRuntimeMeasurementResponse> response) {
            events.add(request);
            if (failure != null) {
                response.onError(failure.asRuntimeException());
                return;
            }
            response.onNext(ExtendRuntimeMeasurementResponse.newBuilder().setResult(answer).build());
            response.onCompleted();
        }
    }

    private String socket() {
        return "unix://" + dir.resolve("aa.sock");
    }

    @Test
    void aPullIsRecordedAsUpstreamsPullImageEvent() throws Exception {
        FakeAgent agent = new FakeAgent(null, RuntimeMeasurementResult.OK);
        try (Listener server = Transports.serve(socket(), agent.bindService());
             PullMeasurement measurement = new PullMeasurement(socket())) {
            measurement.record(IMAGE, DIGEST);
        }
        assertEquals(1, agent.events.size());
        ExtendRuntimeMeasurementRequest event = agent.events.get(0);
        assertEquals("github.com/confidential-containers", event.getDomain());
        assertEquals("PullImage", event.getOperation());
        assertEquals("{\"image\":\"" + IMAGE + "\", \"digest\":\"" + DIGEST + "\"}", event.getContent());
        assertFalse(event.hasRegisterIndex(), "the agent's default register");
    }

    @Test
    void withoutAnAgentSocketThePullIsNotMeasuredAndNotRefused() throws Exception {
        try (PullMeasurement measurement = new PullMeasurement(socket())) {
            measurement.record(IMAGE, DIGEST);
        }
    }

    @Test
    void anAgentThatCannotMeasureHereDoesNotRefuseThePull() throws Exception {
        FakeAgent agent = new FakeAgent(null, RuntimeMeasurementResult.NOT_SUPPORTED);
        try (Listener server = Transports.serve(socket(), agent.bindService());
             PullMeasurement measurement = new PullMeasurement(socket())) {
            measurement.record(IMAGE, DIGEST);
        }
        assertEquals(1, agent.events.size());
    }

    @Test
    void aFailedMeasurementFailsThePull() throws Exception {
        FakeAgent agent = new FakeAgent(Status.INTERNAL.withDescription("extend failed"), null);
        try (Listener server = Transports.serve(socket(), agent.bindService());
             PullMeasurement measurement = new PullMeasurement(socket())) {
            AttestationAgentException failure = assertThrows(AttestationAgentException.class, () -> measurement.record(IMAGE, DIGEST));
            assertEquals("ExtendRuntimeMeasurement: extend failed", failure.getMessage());
        }
    }
}
