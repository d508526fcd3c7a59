package io.github.coco4j.cdh.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers that need no backend: the peer check, routing, feature gates and refused paths. */
class RouterTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 40000);
    @TempDir
    Path dir;
    private final List<CdhClient> clients = new ArrayList<>();

    /** A data hub client to a socket that does not exist: refused requests must never reach it. */
    private Router router(Features features) {
        CdhClient cdh = null;
        if (features.resource()) {
            cdh = new CdhClient("unix://" + dir.resolve("absent.sock"), Duration.ofSeconds(5));
            clients.add(cdh);
        }
        return new Router(features, cdh, null, "1.2.3");
    }

    @AfterEach
    void close() {
        clients.forEach(CdhClient::close);
    }

    private static Reply get(Router router, String uri) {
        return router.route(LOOPBACK, "GET", uri).join();
    }

    private static void assertReply(int status, String text, Reply reply) {
        assertEquals(status, reply.status(), reply.bodyText());
        assertEquals(text, reply.bodyText());
    }

    @Test
    void nonLoopbackPeersAreForbiddenWhateverThePath() {
        Router router = router(Features.RESOURCE);
        assertReply(403, "Forbidden", router.route(new InetSocketAddress("192.0.2.7", 40000), "GET", "/info").join());
        assertReply(403, "Forbidden",
                router.route(new InetSocketAddress("10.0.0.1", 1), "GET", "/cdh/resource/a/b/c").join());
    }

    @Test
    void unknownPathsAreNotFound() {
        Router router = router(Features.RESOURCE);
        for (String uri : new String[] {"/", "/unknown", "/cdh", "/aa", "/cdh/unknown/a/b", "/info/x"}) {
            assertReply(404, "URL NOT FOUND", get(router, uri));
        }
    }

    @Test
    void disabledFeaturesSaySo() {
        assertReply(404, "Attestation Feature Not Enabled", get(router(Features.RESOURCE), "/aa/token?token_type=kbs"));
        assertReply(404, "Attestation Feature Not Enabled", get(router(Features.RESOURCE), "/aa/unknown"));
        assertReply(404, "Resource Feature Not Enabled", get(router(Features.ATTESTATION), "/cdh/resource/a/b/c"));
        assertReply(404, "Resource Feature Not Enabled", get(router(Features.ATTESTATION), "/cdh/unknown"));
    }

    @Test
    void infoNamesVersionAndFeatureAndNoTeeWithoutTheAgent() throws Exception {
        Reply reply = get(router(Features.RESOURCE), "/info");
        assertEquals(200, reply.status());
        assertEquals("application/json", reply.contentType());
        assertEquals(new ObjectMapper().readTree("{\"version\":\"1.2.3\",\"feature\":\"resource\"}"),
                new ObjectMapper().readTree(reply.body()));
        assertReply(405, "Method Not Allowed", router(Features.RESOURCE).route(LOOPBACK, "POST", "/info").join());
    }

    @Test
    void resourcePathsOtherThanThreePlainSegmentsAreBadRequests() {
        Router router = router(Features.RESOURCE);
        for (String uri : new String[] {"/cdh/resource", "/cdh/resource/", "/cdh/resource/a/b",
            "/cdh/resource/a/b/c/d", "/cdh/resource/../../etc/passwd", "/cdh/resource/%2e%2e/%2e%2e/etc",
            "/cdh/resource/a%2fb/c/d", "/cdh/resource/a/b/"}) {
            assertReply(400, "BAD REQUEST", get(router, uri));
        }
        assertReply(405, "Method Not Allowed", router.route(LOOPBACK, "DELETE", "/cdh/resource/a/b/c").join());
    }

    @Test
    void dotSegmentsAreRefusedBeforeRouting() {
        assertReply(400, "BAD REQUEST", get(router(Features.ATTESTATION), "/cdh/../aa/token"));
        assertReply(400, "BAD REQUEST", get(router(Features.RESOURCE), "/aa/%2e%2e/info"));
    }
}
