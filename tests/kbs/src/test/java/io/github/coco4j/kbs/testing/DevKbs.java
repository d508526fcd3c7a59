package io.github.coco4j.kbs.testing;

import io.github.coco4j.kbs.attestation.AttestationTokens;
import io.github.coco4j.kbs.attestation.RcarService;
import io.github.coco4j.kbs.http.KbsApi;
import io.github.coco4j.kbs.http.KbsHttpServer;
import io.github.coco4j.kbs.resource.ResourcePolicy;
import io.github.coco4j.kbs.resource.ResourceRepository;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The development KBS assembled in the test JVM on a free loopback port, with a clock the test controls. */
public final class DevKbs implements AutoCloseable {
    /** A clock that only moves when the test moves it. */
    public static final class TestClock extends Clock {
        private volatile Instant now = Instant.now();

        public void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final KbsHttpServer server;
    private final TestClock clock;

    private DevKbs(KbsHttpServer server, TestClock clock) {
        this.server = server;
        this.clock = clock;
    }

    public static DevKbs start(Path repository, Optional<Path> referenceValues, boolean allowSample,
                               ResourcePolicy policy, Duration sessionTimeout) throws IOException {
        return start(repository, RcarService.Setup.defaults(referenceValues, allowSample), policy, sessionTimeout);
    }

    /** With an attestation set-up of the test's own (policy, SNP authorities). */
    public static DevKbs start(Path repository, RcarService.Setup setup, ResourcePolicy policy,
                               Duration sessionTimeout) throws IOException {
        TestClock clock = new TestClock();
        AttestationTokens tokens = new AttestationTokens(Duration.ofMinutes(5), clock);
        RcarService rcar = RcarService.create(sessionTimeout, clock, setup, tokens);
        KbsApi api = new KbsApi(rcar, tokens, new ResourceRepository(repository), policy);
        return new DevKbs(KbsHttpServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), null, api), clock);
    }

    public URI url() {
        return URI.create(server.urls().get(0));
    }

    public TestClock clock() {
        return clock;
    }

    @Override
    public void close() {
        server.close();
    }
}
