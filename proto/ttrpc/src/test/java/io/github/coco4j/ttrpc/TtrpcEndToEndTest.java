package io.github.coco4j.ttrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.github.coco4j.ttrpc.client.TtrpcChannel;
import io.github.coco4j.ttrpc.server.TtrpcServer;
import io.github.coco4j.ttrpc.testproto.BlockRequest;
import io.github.coco4j.ttrpc.testproto.EchoReply;
import io.github.coco4j.ttrpc.testproto.EchoRequest;
import io.github.coco4j.ttrpc.testproto.FailRequest;
import io.github.coco4j.ttrpc.testproto.TestServiceGrpc;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our channel against our server, over a unix socket and over TCP. */
class TtrpcEndToEndTest {
    @TempDir
    Path dir;

    private final TestService service = new TestService();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private TtrpcServer serve(String transport, ServerServiceDefinition... services) throws Exception {
        String address = transport.equals("unix") ? "unix://" + dir.resolve("run/test.sock") : "tcp:127.0.0.1:0";
        TtrpcServer server = TtrpcServer.start(address, services);
        closing.add(server);
        return server;
    }

    private TestServiceGrpc.TestServiceBlockingStub client(TtrpcServer server) {
        TtrpcChannel channel = TtrpcChannel.connect(server.localAddress());
        closing.add(0, channel::shutdownNow);
        return TestServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static Status statusOf(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus();
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void unaryCallsCarryPayloadMetadataAndDeadline(String transport) throws Exception {
        TtrpcServer server = serve(transport, service.definition());
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-trace", Metadata.ASCII_STRING_MARSHALLER), "t1");
        EchoReply reply = client(server).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .echo(EchoRequest.newBuilder().setText("hello").setData(ByteString.copyFromUtf8("1234")).build());
        assertEquals("hello", reply.getText());
        assertEquals(4, reply.getDataLength());
        assertEquals(List.of("x-trace=t1"), reply.getMetadataList());
        assertTrue(reply.getDeadlineMillis() > 8000 && reply.getDeadlineMillis() <= 10000, "deadline " + reply.getDeadlineMillis());
        // Without a deadline no timeout is sent; an empty request and response are zero-length payloads.
        assertEquals(EchoReply.getDefaultInstance(), client(server).withDeadline(null).echo(EchoRequest.getDefaultInstance()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void statusErrorsKeepCodeAndMessage(String transport) throws Exception {
        TestServiceGrpc.TestServiceBlockingStub stub = client(serve(transport, service.definition()));
        for (Status.Code code : new Status.Code[] {Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT, Status.Code.INTERNAL}) {
            Status status = statusOf(() -> stub.fail(FailRequest.newBuilder().setCode(code.value()).setMessage("no " + code).build()));
            assertEquals(code, status.getCode());
            assertEquals("no " + code, status.getDescription());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void aBlockingHandlerEndsAtTheDeadline(String transport) throws Exception {
        TestServiceGrpc.TestServiceBlockingStub stub = client(serve(transport, service.definition()));
        long start = System.nanoTime();
        Status status = statusOf(() -> stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                .block(BlockRequest.newBuilder().setUntil("deadline").build()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        // The handler saw its context cancelled at the deadline it got from timeout_nano.
        assertTrue(service.cancelled.tryAcquire(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void oneChannelCarriesConcurrentCalls(String transport) throws Exception {
        TtrpcServer server = serve(transport, service.definition());
        TtrpcChannel channel = TtrpcChannel.connect(server.localAddress());
        closing.add(0, channel::shutdownNow);
        TestServiceGrpc.TestServiceFutureStub stub = TestServiceGrpc.newFutureStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        List<ListenableFuture<EchoReply>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(stub.block(BlockRequest.newBuilder().setUntil("latch").build()));
        }
        // Every call is in its handler at once: only then does the test open the latch.
        assertTrue(service.blocked.tryAcquire(100, 20, TimeUnit.SECONDS), "blocked: " + service.blocked.availablePermits());
        assertEquals("hello", TestServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText("hello").build()).getText());
        service.latch.countDown();
        for (ListenableFuture<EchoReply> reply : replies) {
            assertEquals("released", reply.get(10, TimeUnit.SECONDS).getText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void unknownMethodsAreUnimplemented(String transport) throws Exception {
        ServerServiceDefinition full = service.definition();
        ServerServiceDefinition.Builder withoutFail = ServerServiceDefinition.builder(full.getServiceDescriptor().getName());
        full.getMethods().stream().filter(m -> !m.getMethodDescriptor().getBareMethodName().equals("Fail")).forEach(withoutFail::addMethod);
        TestServiceGrpc.TestServiceBlockingStub stub = client(serve(transport, withoutFail.build()));
        Status status = statusOf(() -> stub.fail(FailRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, status.getCode());
        assertEquals("method Fail", status.getDescription());
        Status streaming = statusOf(() -> stub.stream(EchoRequest.getDefaultInstance()).hasNext());
        assertEquals(Status.Code.UNIMPLEMENTED, streaming.getCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void aServerClosingMidCallFailsTheCallUnavailable(String transport) throws Exception {
        TtrpcServer server = serve(transport, service.definition());
        TtrpcChannel channel = TtrpcChannel.connect(server.localAddress());
        closing.add(0, channel::shutdownNow);
        ListenableFuture<EchoReply> reply = TestServiceGrpc.newFutureStub(channel).block(BlockRequest.newBuilder().setUntil("latch").build());
        assertTrue(service.blocked.tryAcquire(10, TimeUnit.SECONDS));
        server.close();
        assertTrue(server.awaitTermination(5, TimeUnit.SECONDS));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> reply.get(5, TimeUnit.SECONDS));
        assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(failure.getCause()).getCode());
        assertTrue(service.cancelled.tryAcquire(5, TimeUnit.SECONDS), "the handler's context was cancelled");
        server.localAddress().path().ifPresent(socket -> assertTrue(Files.notExists(socket)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void anInterceptorCanDenyCalls(String transport) throws Exception {
        ServerInterceptor policy = new ServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                    ServerCallHandler<ReqT, RespT> next) {
                if (call.getMethodDescriptor().getBareMethodName().equals("Echo")) {
                    call.close(Status.PERMISSION_DENIED.withDescription("Echo is blocked by policy"), new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                return next.startCall(call, headers);
            }
        };
        TestServiceGrpc.TestServiceBlockingStub stub = client(serve(transport, ServerInterceptors.intercept(service.definition(), policy)));
        Status status = statusOf(() -> stub.echo(EchoRequest.getDefaultInstance()));
        assertEquals(Status.Code.PERMISSION_DENIED, status.getCode());
        assertEquals("Echo is blocked by policy", status.getDescription());
        assertEquals(Status.Code.ABORTED, statusOf(() -> stub.fail(FailRequest.newBuilder().setCode(10).build())).getCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void anOversizedRequestIsRefusedAndTheConnectionStaysUsable(String transport) throws Exception {
        AtomicReference<SocketAddress> lastPeer = new AtomicReference<>();
        ServerInterceptor peers = new ServerInterceptor() {
            @Override
            public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                    ServerCallHandler<ReqT, RespT> next) {
                lastPeer.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
                return next.startCall(call, headers);
            }
        };
        TestServiceGrpc.TestServiceBlockingStub stub = client(serve(transport, ServerInterceptors.intercept(service.definition(), peers)));
        assertEquals("before", stub.echo(EchoRequest.newBuilder().setText("before").build()).getText());
        SocketAddress peer = lastPeer.get();
        Status status = statusOf(() -> stub.echo(EchoRequest.newBuilder().setData(ByteString.copyFrom(new byte[4 << 20])).build()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode());
        assertTrue(status.getDescription().matches("message length 41943\\d\\d exceed maximum message size of 4194304"), status.getDescription());
        assertEquals("after", stub.echo(EchoRequest.newBuilder().setText("after").build()).getText());
        assertEquals(peer, lastPeer.get(), "the same connection");
    }

    @Test
    void theSocketFileIsOwnerOnlyAndAStaleOneIsReplaced() throws Exception {
        Path socket = dir.resolve("deep/er/agent.sock");
        Files.createDirectories(socket.getParent());
        // A socket file left by a server that died: the JDK's channel leaves its file behind.
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }
        TtrpcServer server = TtrpcServer.start(socket.toString(), service.definition());
        closing.add(server);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("x", client(server).echo(EchoRequest.newBuilder().setText("x").build()).getText());
    }

    @Test
    void theSocketFileAppearsListeningAndNothingElseIsLeftBeside() throws Exception {
        Path socket = dir.resolve("staged/agent.sock");
        Files.createDirectories(socket.getParent());
        // What a server stopped while starting left: its hidden name, bound, never renamed.
        try (ServerSocketChannel stopped = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stopped.bind(UnixDomainSocketAddress.of(socket.resolveSibling(".agent.sock")));
        }
        try (TtrpcServer server = TtrpcServer.start(socket.toString(), service.definition());
                Stream<Path> beside = Files.list(socket.getParent())) {
            assertEquals(List.of(socket), beside.toList());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            try (SocketChannel connected = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertTrue(connected.isConnected());
            }
        }
        assertTrue(Files.notExists(socket));
    }

    @Test
    void callsBeyondAConnectionsLimitAreRefused() throws Exception {
        TtrpcServer server = TtrpcServer.builder("tcp:127.0.0.1:0").addService(service.definition()).maxCallsPerConnection(2).start();
        closing.add(server);
        TtrpcChannel channel = TtrpcChannel.connect(server.localAddress());
        closing.add(0, channel::shutdownNow);
        TestServiceGrpc.TestServiceFutureStub stub = TestServiceGrpc.newFutureStub(channel);
        List<ListenableFuture<EchoReply>> blocked = List.of(stub.block(BlockRequest.newBuilder().setUntil("latch").build()),
                stub.block(BlockRequest.newBuilder().setUntil("latch").build()));
        assertTrue(service.blocked.tryAcquire(2, 10, TimeUnit.SECONDS));
        Status refused = statusOf(() -> TestServiceGrpc.newBlockingStub(channel).echo(EchoRequest.getDefaultInstance()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getCode());
        assertEquals("too many concurrent calls on one connection (limit 2)", refused.getDescription());
        service.latch.countDown();
        for (ListenableFuture<EchoReply> reply : blocked) {
            assertEquals("released", reply.get(10, TimeUnit.SECONDS).getText());
        }
        assertEquals("x", TestServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText("x").build()).getText());
    }

    @Test
    void missingDirectoriesAreCreated() throws Exception {
        Path socket = dir.resolve("a/b/c/agent.sock");
        try (TtrpcServer server = TtrpcServer.start("unix:" + socket, service.definition())) {
            assertTrue(Files.exists(socket));
        }
        assertTrue(Files.notExists(socket));
    }

    @Test
    void aRegularFileInTheWayIsNotReplaced() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep");
        Exception e = assertThrows(java.io.IOException.class, () -> TtrpcServer.start("unix:" + file, service.definition()));
        assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void aShutDownChannelRefusesCallsAndTerminates() throws Exception {
        TtrpcServer server = serve("unix", service.definition());
        TtrpcChannel channel = TtrpcChannel.connect(server.localAddress());
        assertEquals("a", TestServiceGrpc.newBlockingStub(channel).echo(EchoRequest.newBuilder().setText("a").build()).getText());
        channel.shutdown();
        assertTrue(channel.awaitTermination(5, TimeUnit.SECONDS));
        assertTrue(channel.isShutdown() && channel.isTerminated());
        assertEquals(Status.Code.UNAVAILABLE, statusOf(() -> TestServiceGrpc.newBlockingStub(channel).echo(EchoRequest.getDefaultInstance())).getCode());
    }

    @Test
    void aMissingSocketIsUnavailableNamingWhatFailed() {
        Path socket = dir.resolve("absent.sock");
        TtrpcChannel channel = TtrpcChannel.connect(socket.toString());
        closing.add(channel::shutdownNow);
        Status status = statusOf(() -> TestServiceGrpc.newBlockingStub(channel).echo(EchoRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, status.getCode());
        assertTrue(status.getDescription().startsWith("cannot connect to unix://" + socket), status.getDescription());
        assertTrue(!status.getDescription().endsWith("null"), status.getDescription());
    }

    @Test
    void aChannelReconnectsAfterTheServerCameBack() throws Exception {
        Path socket = dir.resolve("agent.sock");
        TtrpcServer first = TtrpcServer.start(socket.toString(), service.definition());
        TtrpcChannel channel = TtrpcChannel.connect(socket.toString());
        closing.add(channel::shutdownNow);
        TestServiceGrpc.TestServiceBlockingStub stub = TestServiceGrpc.newBlockingStub(channel);
        assertEquals("1", stub.echo(EchoRequest.newBuilder().setText("1").build()).getText());
        first.close();
        assertEquals(Status.Code.UNAVAILABLE, statusOf(() -> stub.echo(EchoRequest.getDefaultInstance())).getCode());
        closing.add(TtrpcServer.start(socket.toString(), service.definition()));
        assertEquals("2", stub.echo(EchoRequest.newBuilder().setText("2").build()).getText());
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        TtrpcServer server = TtrpcServer.builder("unix:" + dir.resolve("limit.sock")).addService(service.definition())
                .maxConnections(1).start();
        closing.add(server);
        TestServiceGrpc.TestServiceBlockingStub first = client(server);
        assertEquals("1", first.echo(EchoRequest.newBuilder().setText("1").build()).getText());
        assertEquals(Status.Code.UNAVAILABLE, statusOf(() -> client(server).echo(EchoRequest.getDefaultInstance())).getCode());
        assertEquals("2", first.echo(EchoRequest.newBuilder().setText("2").build()).getText());
    }

    @Test
    void closingServerAndChannelEndsEveryThreadOfTheirsAndRemovesTheSocket() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Path socket = dir.resolve("agent.sock");
        TtrpcServer server = TtrpcServer.start(socket.toString(), service.definition());
        TtrpcChannel channel = TtrpcChannel.connect(server.localAddress());
        TestServiceGrpc.TestServiceFutureStub stub = TestServiceGrpc.newFutureStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        assertEquals("x", stub.echo(EchoRequest.newBuilder().setText("x").build()).get().getText());
        ListenableFuture<EchoReply> blocked = stub.block(BlockRequest.newBuilder().setUntil("latch").build());
        assertTrue(service.blocked.tryAcquire(10, TimeUnit.SECONDS));
        Set<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("ttrpc-")).collect(Collectors.toSet());
        Set<String> kinds = started.stream().map(t -> t.getName().replaceAll("-[0-9]+$", "")).collect(Collectors.toSet());
        assertEquals(Set.of("ttrpc-accept", "ttrpc-server-conn", "ttrpc-call", "ttrpc-server-deadline",
                "ttrpc-client-conn", "ttrpc-client-deadline", "ttrpc-client-call"), kinds);
        assertTrue(started.stream().allMatch(Thread::isDaemon));

        server.close();
        assertTrue(Files.notExists(socket));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> blocked.get(5, TimeUnit.SECONDS));
        assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(failure.getCause()).getCode());
        channel.shutdown();
        assertTrue(channel.awaitTermination(5, TimeUnit.SECONDS));
        assertTrue(server.awaitTermination(5, TimeUnit.SECONDS));
        Set<Thread> ttrpc = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("ttrpc-")).collect(Collectors.toSet());
        for (Thread thread : ttrpc) {
            thread.join(5000); // a pool's thread outlives its pool's termination by a moment
        }
        assertEquals(Set.of(), ttrpc.stream().filter(Thread::isAlive).map(Thread::getName).collect(Collectors.toSet()));
    }
}
