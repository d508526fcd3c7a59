package io.github.coco4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.proto.kata.CheckRequest;
import io.github.coco4j.proto.kata.HealthCheckResponse;
import io.github.coco4j.proto.kata.HealthGrpc;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportsTest {
    @TempDir
    Path dir;

    /** Answers Check with the service name it was asked about, so a test sees its request arrive. */
    private static final class EchoHealth extends HealthGrpc.HealthImplBase {
        @Override
        public void check(CheckRequest request, StreamObserver<HealthCheckResponse> answer) {
            answer.onNext(HealthCheckResponse.newBuilder()
                    .setStatusValue(request.getService().length()).build());
            answer.onCompleted();
        }
    }

    private static int check(Connection connection, String service) {
        return HealthGrpc.newBlockingStub(connection.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(CheckRequest.newBuilder().setService(service).build()).getStatusValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix://%s/a.sock", "unix:%s/a.sock", "%s/a.sock", "ttrpc+unix://%s/a.sock",
        "grpc+unix://%s/a.sock", "tcp:127.0.0.1:0", "grpc+tcp:127.0.0.1:0"})
    void servicesAnswerOnEveryAddressForm(String form) throws Exception {
        try (Listener listener = Transports.serve(form.formatted(dir), new EchoHealth().bindService());
             Connection connection = Transports.connect(listener.endpoint().toString())) {
            assertEquals(2, check(connection, "ab"));
            assertEquals(form.startsWith("grpc+") ? Endpoint.Protocol.GRPC : Endpoint.Protocol.TTRPC,
                    listener.endpoint().protocol());
            if (form.startsWith("tcp") || form.startsWith("grpc+tcp")) {
                assertNotEquals(0, listener.endpoint().address().port());
            }
        }
    }

    @Test
    void unixSocketsAreTheOwnersOnlyAndGoneAfterClose() throws Exception {
        for (String protocol : new String[] {"", "grpc+"}) {
            Path socket = dir.resolve(protocol.isEmpty() ? "ttrpc/x.sock" : "grpc/x.sock");
            try (Listener listener = Transports.serve(protocol + "unix://" + socket, new EchoHealth().bindService())) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            }
            assertFalse(Files.exists(socket), protocol + socket);
        }
    }

    /** ttrpc is the default on a socket, so a gRPC client cannot talk to it, nor the other way round. */
    @Test
    void theProtocolIsTheOnesTheAddressNames() throws Exception {
        String socket = "unix://" + dir.resolve("t.sock");
        try (Listener listener = Transports.serve(socket, new EchoHealth().bindService());
             Connection grpc = Transports.connect("grpc+" + socket)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> check(grpc, "x"));
            assertNotEquals(Status.Code.OK, e.getStatus().getCode());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:80", "tcp:127.0.0.1", "grpc+tcp:host:port", "vsock://3:1024", ""})
    void malformedAddressesAreNamed(String address) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transports.serve(address, new EchoHealth().bindService()));
        assertTrue(e.getMessage().contains(address.replaceFirst("^grpc\\+", "")) || address.isEmpty(), e.getMessage());
    }

    /** Holds every Check until released, counting how many run at once. */
    private static final class HeldHealth extends HealthGrpc.HealthImplBase {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public void check(CheckRequest request, StreamObserver<HealthCheckResponse> answer) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            answer.onNext(HealthCheckResponse.getDefaultInstance());
            answer.onCompleted();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix://%s/b.sock", "grpc+unix://%s/b.sock"})
    void boundedCallThreadsServeFiveHundredConcurrentCallsWithEightThreads(String form) throws Exception {
        HeldHealth service = new HeldHealth();
        List<Connection> connections = new ArrayList<>();
        try (Listener listener = Transports.serve(form.formatted(dir), 8, service.bindService())) {
            List<ListenableFuture<HealthCheckResponse>> calls = new ArrayList<>();
            // Five connections: ttrpc admits at most 256 calls in flight on one.
            for (int c = 0; c < 5; c++) {
                Connection connection = Transports.connect(listener.endpoint().toString());
                connections.add(connection);
                HealthGrpc.HealthFutureStub stub = HealthGrpc.newFutureStub(connection.channel());
                for (int i = 0; i < 100; i++) {
                    calls.add(stub.withDeadlineAfter(60, TimeUnit.SECONDS).check(CheckRequest.getDefaultInstance()));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (service.running.get() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            assertEquals(8, service.running.get(), "eight calls run, the others wait");
            long callThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("ttrpc-call") || t.getName().startsWith("grpc-call")).count();
            assertTrue(callThreads <= 8, callThreads + " call threads");
            service.release.countDown();
            for (ListenableFuture<HealthCheckResponse> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
            assertEquals(8, service.mostAtOnce.get());
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
