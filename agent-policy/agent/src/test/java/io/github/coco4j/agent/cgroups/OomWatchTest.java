package io.github.coco4j.agent.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.coco4j.agent.backend.AgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetOOMEvent's long poll, on memory.events files in a temporary directory. */
class OomWatchTest {
    @TempDir
    Path dir;

    private Path cgroup(String id, long kills) throws Exception {
        Path cgroup = Files.createDirectories(dir.resolve(id));
        Files.writeString(cgroup.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom " + kills + "\noom_kill " + kills + "\n");
        return cgroup;
    }

    @Test
    void aPollerLearnsWhichContainerWasKilled() throws Exception {
        Map<String, Path> cgroups = Map.of("a", cgroup("a", 0), "b", cgroup("b", 0));
        try (OomWatch watch = new OomWatch(() -> cgroups, Duration.ofMillis(10), 2)) {
            CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> await(watch));
            cgroup("b", 1);
            assertEquals("b", event.get(10, TimeUnit.SECONDS));
            cgroup("b", 2);
            assertEquals("b", await(watch), "every kill is an event");
        }
    }

    @Test
    void pollersAreBoundedAndAnsweredWhenTheWatchCloses() throws Exception {
        OomWatch watch = new OomWatch(Map::of, Duration.ofMillis(10), 1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> await(watch));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> await(watch));
        CompletableFuture.anyOf(first, second).handle((value, failure) -> null).get(10, TimeUnit.SECONDS);
        CompletableFuture<String> refused = first.isDone() ? first : second;
        CompletableFuture<String> waiting = first.isDone() ? second : first;
        assertEquals(AgentException.Kind.RESOURCE_EXHAUSTED, kind(refused));
        watch.close();
        assertEquals(AgentException.Kind.UNAVAILABLE, kind(waiting));
    }

    private static AgentException.Kind kind(CompletableFuture<String> failed) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
        return ((AgentException) e.getCause()).kind();
    }

    private static String await(OomWatch watch) {
        try {
            return watch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
