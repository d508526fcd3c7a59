package io.github.coco4j.kbs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.aa.attester.sample.SampleAttester;
import io.github.coco4j.aa.kbs.KbsHttpClients;
import io.github.coco4j.aa.kbs.KbsToken;
import io.github.coco4j.aa.kbs.RcarClient;
import io.github.coco4j.aa.kbs.RetryPolicy;
import io.github.coco4j.aa.kbs.TeeKeyAlgorithm;
import io.github.coco4j.aa.kbs.TeeKeyPair;
import io.github.coco4j.kbs.testing.DevKbs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
 * Latency of the KBS protocol on loopback: a full RCAR handshake (auth + attest, sample evidence,
 * fresh TEE key) and a resource fetch with JWE encryption and decryption.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RcarHandshakeBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Param({"ECDH_ES_A256KW_P256", "RSA_OAEP_256"})
    public TeeKeyAlgorithm algorithm;

    private Path repository;
    private DevKbs kbs;
    private RcarClient client;
    private HttpClient http;
    private TeeKeyPair key;
    private String token;

    @Setup(Level.Trial)
    public void start() throws Exception {
        repository = Files.createTempDirectory("kbs-bench");
        Files.createDirectories(repository.resolve("default/key"));
        Files.write(repository.resolve("default/key/k1"), new byte[32]);
        kbs = DevKbs.start(repository, Optional.empty(), true, (claims, request) -> true, Duration.ofMinutes(5));
        client = new RcarClient(kbs.url(), KbsHttpClients.forCertificate(null), RetryPolicy.DEFAULT);
        http = HttpClient.newHttpClient();
        key = TeeKeyPair.generate(algorithm);
        token = client.attest(new SampleAttester(), key, null).jwt();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        kbs.close();
        Files.delete(repository.resolve("default/key/k1"));
        Files.delete(repository.resolve("default/key"));
        Files.delete(repository.resolve("default"));
        Files.delete(repository);
    }

    @Benchmark
    public KbsToken handshake() throws Exception {
        return client.attest(new SampleAttester(), key, null);
    }

    @Benchmark
    public byte[] resource() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(kbs.url()
                + "/kbs/v0/resource/default/key/k1")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        return key.decrypt(JSON.readTree(response.body()));
    }
}
