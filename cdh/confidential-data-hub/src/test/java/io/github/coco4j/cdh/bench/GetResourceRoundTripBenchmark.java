package io.github.coco4j.cdh.bench;

import io.github.coco4j.cdh.kbc.OfflineFsKbc;
import io.github.coco4j.cdh.service.GetResourceGrpcService;
import io.github.coco4j.proto.cdh.GetResourceRequest;
import io.github.coco4j.proto.cdh.GetResourceServiceGrpc;
import io.github.coco4j.wire.Connection;
import io.github.coco4j.wire.Listener;
import io.github.coco4j.wire.Transports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GetResource through the data hub's service on its unix socket, ttrpc (as upstream's callers
 * speak it) against gRPC: the transport's share of a secret fetch, the KBC being in-memory
 * (offline_fs_kbc) so that nothing else is measured.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GetResourceRoundTripBenchmark {
    @Param({"unix", "grpc+unix"})
    public String transport;

    private Path dir;
    private Listener hub;
    private Connection connection;
    private GetResourceServiceGrpc.GetResourceServiceBlockingStub stub;
    private final GetResourceRequest request = GetResourceRequest.newBuilder()
            .setResourcePath("kbs:///default/kbsres1/key1").build();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("get-resource-bench");
        Path resources = Files.writeString(dir.resolve("resources.json"), "{\"default/kbsres1/key1\":\"Q29uZmlkZW50aWFsX1NlY3JldCE=\"}");
        hub = Transports.serve(transport + "://" + dir.resolve("cdh.sock"),
                new GetResourceGrpcService(OfflineFsKbc.load(List.of(resources))).bindService());
        connection = Transports.connect(hub.endpoint().toString());
        stub = GetResourceServiceGrpc.newBlockingStub(connection.channel());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        hub.close();
        Files.deleteIfExists(dir.resolve("resources.json"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object getResource() {
        return stub.getResource(request);
    }
}
