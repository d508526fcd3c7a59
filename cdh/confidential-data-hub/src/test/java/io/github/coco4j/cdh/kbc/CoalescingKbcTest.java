package io.github.coco4j.cdh.kbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingKbcTest {
    private static final ResourceUri KEY = ResourceUri.parse("kbs:///default/key/k1");
    private static final ResourceUri OTHER = ResourceUri.parse("kbs:///default/key/k2");
    private static final int READERS = 6;

    private final List<Thread> readerThreads = new CopyOnWriteArrayList<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(READERS, task -> {
        Thread thread = new Thread(task);
        readerThreads.add(thread);
        return thread;
    });

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    /**
     * A KBC whose fetches wait until released, counting them; it answers with the resource's path
     * and which fetch this was, or fails as told.
     */
    private static final class GatedKbc implements Kbc {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger fetches = new AtomicInteger();
        volatile KbcException failure;

        @Override
        public byte[] getResource(ResourceUri uri) throws KbcException, InterruptedException {
            int fetch = fetches.incrementAndGet();
            release.await();
            if (failure != null) {
                throw failure;
            }
            return (uri.path() + " #" + fetch).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Starts READERS reads of {@code uri} at once and returns when all of them wait. */
    private List<Future<byte[]>> readAtOnce(CoalescingKbc kbc, GatedKbc gated, ResourceUri uri) throws Exception {
        List<Future<byte[]>> reads = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            reads.add(readers.submit(() -> kbc.getResource(uri)));
        }
        // Every reader parked: the one fetching on the gate, the others on its fetch (or on fetches
        // of their own, which the test then counts).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(readerThreads.size() == READERS && readerThreads.stream().allMatch(t -> t.getState() == Thread.State.WAITING))) {
            assertTrue(System.nanoTime() < deadline, "the readers did not all wait");
            Thread.sleep(5);
        }
        return reads;
    }

    @Test
    void readsWhileAFetchIsUnderWayShareItAndEachGetsItsOwnCopy() throws Exception {
        GatedKbc gated = new GatedKbc();
        CoalescingKbc kbc = new CoalescingKbc(gated);
        List<Future<byte[]>> reads = readAtOnce(kbc, gated, KEY);
        gated.release.countDown();
        List<byte[]> answers = new ArrayList<>();
        for (Future<byte[]> read : reads) {
            answers.add(read.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, gated.fetches.get(), "one KBS round trip for all the reads");
        for (byte[] answer : answers) {
            assertArrayEquals("default/key/k1 #1".getBytes(StandardCharsets.UTF_8), answer);
        }
        assertEquals(READERS, answers.stream().map(System::identityHashCode).distinct().count(), "a copy each");
    }

    @Test
    void aFinishedFetchIsNotKeptAndOtherResourcesAreFetchedOnTheirOwn() throws Exception {
        GatedKbc gated = new GatedKbc();
        gated.release.countDown();
        CoalescingKbc kbc = new CoalescingKbc(gated);
        assertArrayEquals("default/key/k1 #1".getBytes(StandardCharsets.UTF_8), kbc.getResource(KEY));
        assertArrayEquals("default/key/k1 #2".getBytes(StandardCharsets.UTF_8), kbc.getResource(KEY));
        assertArrayEquals("default/key/k2 #3".getBytes(StandardCharsets.UTF_8), kbc.getResource(OTHER));
    }

    @Test
    void aFailedFetchFailsEveryReadWaitingOnIt() throws Exception {
        GatedKbc gated = new GatedKbc();
        gated.failure = new KbcException("resource kbs:///default/key/k1 not found: no such key", true);
        CoalescingKbc kbc = new CoalescingKbc(gated);
        List<Future<byte[]>> reads = readAtOnce(kbc, gated, KEY);
        gated.release.countDown();
        for (Future<byte[]> read : reads) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
            KbcException cause = (KbcException) failed.getCause();
            assertTrue(cause.notFound(), "still a not-found for every reader");
            assertEquals(gated.failure.getMessage(), cause.getMessage());
        }
        assertEquals(1, gated.fetches.get());
        // The failure is not kept either: the next read tries again.
        gated.failure = null;
        assertArrayEquals("default/key/k1 #2".getBytes(StandardCharsets.UTF_8), kbc.getResource(KEY));
    }
}
