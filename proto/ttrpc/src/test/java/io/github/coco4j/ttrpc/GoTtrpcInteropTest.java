package io.github.coco4j.ttrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.github.coco4j.ttrpc.client.TtrpcChannel;
import io.github.coco4j.ttrpc.server.TtrpcServer;
import io.github.coco4j.ttrpc.testing.KataTtrpc;
import io.github.coco4j.ttrpc.testproto.AgentServiceGrpc;
import io.github.coco4j.ttrpc.testproto.CheckRequest;
import io.github.coco4j.ttrpc.testproto.EchoRequest;
import io.github.coco4j.ttrpc.testproto.ExecProcessRequest;
import io.github.coco4j.ttrpc.testproto.HealthCheckResponse;
import io.github.coco4j.ttrpc.testproto.HealthGrpc;
import io.github.coco4j.ttrpc.testproto.Process;
import io.github.coco4j.ttrpc.wire.Request;
import io.grpc.Metadata;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** This module's ttrpc against containerd's Go implementation, in both directions. */
class GoTtrpcInteropTest {
    private static final String ECHO = "ttrpc.test.TestService.Echo";
    private static KataTtrpc kata;

    @TempDir
    Path dir;

    private final TestService service = new TestService();
    private TtrpcServer server;

    @BeforeAll
    static void buildGoClient() {
        kata = KataTtrpc.build(Path.of(System.getProperty("basedir", ".")).resolve("src/test/proto/ttrpctest"));
    }

    @BeforeEach
    void serve() throws Exception {
        ServerServiceDefinition full = service.definition();
        // Without Fail, to see how an unknown method is answered.
        ServerServiceDefinition.Builder withoutFail = ServerServiceDefinition.builder(full.getServiceDescriptor().getName());
        full.getMethods().stream().filter(m -> !m.getMethodDescriptor().getBareMethodName().equals("Fail")).forEach(withoutFail::addMethod);
        server = TtrpcServer.start("unix://" + dir.resolve("agent.sock"), withoutFail.build());
    }

    @AfterEach
    void close() {
        server.close();
    }

    private String address() {
        return server.localAddress().toString();
    }

    @Test
    void goClientCallsOurServer() {
        KataTtrpc.Result result = kata.call(address(), ECHO, "{\"text\":\"hi\",\"data\":\"AAEC\"}", "--timeout", "0");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("{\"text\":\"hi\",\"dataLength\":3}", result.stdout().strip());
    }

    @Test
    void theDeadlineArrivesAsTimeoutNano() {
        KataTtrpc.Result result = kata.call(address(), ECHO, "{}", "--timeout", "7s");
        assertEquals(0, result.exitCode(), result::toString);
        long millis = Long.parseLong(result.stdout().replaceAll(".*\"deadlineMillis\":\"(\\d+)\".*\\s*", "$1"));
        assertTrue(millis > 5000 && millis <= 7000, result::toString);
    }

    @Test
    void unknownServicesAndMethodsAreUnimplemented() {
        KataTtrpc.Result method = kata.call(address(), "ttrpc.test.TestService.Fail", "{}");
        assertEquals(3, method.exitCode(), method::toString);
        assertEquals("code=Unimplemented message=method Fail", method.stderr().strip());
        KataTtrpc.Result service = kata.call(address(), "grpc.Health.Check", "{}");
        assertEquals("code=Unimplemented message=service grpc.Health", service.stderr().strip());
    }

    @Test
    void aBlockedCallEndsAtTheClientsDeadline() throws Exception {
        KataTtrpc.Result result = kata.call(address(), "ttrpc.test.TestService.Block", "{\"until\":\"deadline\"}", "--timeout", "1s");
        assertEquals(3, result.exitCode(), result::toString);
        assertTrue(result.stderr().startsWith("code=DeadlineExceeded"), result::toString);
        assertTrue(service.cancelled.tryAcquire(5, TimeUnit.SECONDS), "the handler saw its deadline");
    }

    @Test
    void anOversizedRequestGetsUpstreamsAnswerOnAConnectionThatGoesOn() throws Exception {
        byte[] data = new byte[(4 << 20) + 100];
        EchoRequest big = EchoRequest.newBuilder().setData(ByteString.copyFrom(data)).build();
        Path replay = dir.resolve("replay.jsonl");
        Files.writeString(replay, "{\"kind\":\"EchoRequest\",\"request\":{\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\"}}\n"
                + "{\"kind\":\"EchoRequest\",\"request\":{\"text\":\"after\"}}\n");
        KataTtrpc.Result result = kata.replay(address(), replay, "--timeout", "0");
        assertEquals(0, result.exitCode(), result::toString);
        int length = Request.newBuilder().setService("ttrpc.test.TestService").setMethod("Echo").setPayload(big.toByteString())
                .build().getSerializedSize();
        String[] lines = result.stdout().strip().split("\n");
        assertEquals("{\"kind\":\"EchoRequest\",\"ok\":false,\"code\":\"ResourceExhausted\",\"message\":\"message length " + length
                + " exceed maximum message size of 4194304\"}", lines[0]);
        assertEquals("{\"kind\":\"EchoRequest\",\"ok\":true,\"code\":\"OK\",\"message\":\"\"}", lines[1]);
    }

    @Test
    void metadataReachesTheHandler() {
        KataTtrpc.Result result = kata.call(address(), ECHO, "{}", "--timeout", "0", "--md", "Policy-Id=p1", "--md", "k=v");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("{\"metadata\":[\"k=v\",\"policy-id=p1\"]}", result.stdout().strip());
    }

    @Test
    void aClientKilledMidCallLeavesTheServerServing() throws Exception {
        java.lang.Process client = kata.start(address(), "ttrpc.test.TestService.Block", "{\"until\":\"latch\"}", "--timeout", "0");
        assertTrue(service.blocked.tryAcquire(30, TimeUnit.SECONDS), "the call reached its handler");
        client.destroyForcibly().waitFor();
        assertTrue(service.cancelled.tryAcquire(5, TimeUnit.SECONDS), "the handler's context was cancelled");
        KataTtrpc.Result after = kata.call(address(), ECHO, "{\"text\":\"still here\"}", "--timeout", "0");
        assertEquals("{\"text\":\"still here\"}", after.stdout().strip(), after::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void ourChannelCallsTheGoServer(String transport) throws Exception {
        try (KataTtrpc.TestServer go = kata.startTestServer(dir.resolve("go.sock"))) {
            TtrpcChannel channel = TtrpcChannel.connect(transport.equals("unix") ? go.unixAddress() : go.tcpAddress());
            try {
                HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
                assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(CheckRequest.getDefaultInstance()).getStatus());

                Status slow = assertThrows(StatusRuntimeException.class, () -> health.withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                        .check(CheckRequest.newBuilder().setService("slow").build())).getStatus();
                assertEquals(Status.Code.DEADLINE_EXCEEDED, slow.getCode());

                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("k", Metadata.ASCII_STRING_MARSHALLER), "v");
                ExecProcessRequest exec = ExecProcessRequest.newBuilder().setContainerId("c1").setExecId("e1")
                        .setProcess(Process.newBuilder().addArgs("ls").addArgs("-l")).build();
                Status denied = assertThrows(StatusRuntimeException.class, () -> AgentServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                        .withDeadlineAfter(10, TimeUnit.SECONDS).execProcess(exec)).getStatus();
                assertEquals(Status.Code.PERMISSION_DENIED, denied.getCode());
                assertEquals("ExecProcessRequest is blocked by policy: container_id=c1 exec_id=e1 args=ls,-l deadline=true md=map[k:[v]]",
                        denied.getDescription());

                // The health call after the deadline went on the same connection.
                assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(CheckRequest.getDefaultInstance()).getStatus());
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
