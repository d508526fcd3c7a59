package io.github.coco4j.cdh.kbc;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Reads of one resource that arrive while it is being fetched wait for that fetch instead of
 * making KBS round trips of their own: a workload's clients polling a key at once cost one round
 * trip, not one each (the KBS's key agreement and JWE encryption are most of a fetch). Every
 * reader is the same pod with the same credentials, so a shared answer is the answer each would
 * have had; it is never kept once given (that is {@link CachingKbc}'s job, when configured), and
 * a failure reaches every reader waiting on it.
 */
public final class CoalescingKbc implements Kbc {
    private final Kbc delegate;
    private final ConcurrentHashMap<ResourceUri, CompletableFuture<byte[]>> underWay = new ConcurrentHashMap<>();

    public CoalescingKbc(Kbc delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] getResource(ResourceUri uri) throws KbcException, InterruptedException {
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> fetch = underWay.putIfAbsent(uri, mine);
        return fetch == null ? fetch(uri, mine) : join(uri, fetch);
    }

    private byte[] fetch(ResourceUri uri, CompletableFuture<byte[]> mine) throws KbcException, InterruptedException {
        try {
            byte[] value = delegate.getResource(uri);
            mine.complete(value);
            return value.clone();
        } catch (Throwable e) { // whatever ends the fetch ends the waits on it too
            mine.completeExceptionally(e);
            throw e;
        } finally {
            underWay.remove(uri, mine);
        }
    }

    /** Each reader gets its own copy, and its own exception naming what failed. */
    private static byte[] join(ResourceUri uri, CompletableFuture<byte[]> fetch) throws KbcException, InterruptedException {
        try {
            return fetch.get().clone();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KbcException failed) {
                throw new KbcException(failed.getMessage(), failed, failed.notFound());
            }
            if (cause instanceof InterruptedException) {
                throw new KbcException("the fetch of " + uri + " this read waited for was interrupted", cause);
            }
            throw new KbcException("the fetch of " + uri + " failed: " + cause, cause);
        }
    }

    @Override
    public Optional<byte[]> cached(ResourceUri uri) {
        return delegate.cached(uri);
    }

    @Override
    public Optional<Instant> credentialsExpiry() {
        return delegate.credentialsExpiry();
    }
}
