package io.github.coco4j.cdh.rest;

import java.util.concurrent.CompletableFuture;

/**
 * Where the REST API's resources come from: the data hub over its socket ({@link CdhClient}), or
 * the hub's KBC in the same JVM ({@link HubResources}).
 */
interface ResourceSource extends AutoCloseable {
    /**
     * The resource's bytes (a secret: they go to the caller only), or a failure the caller is told
     * about: a {@code BackendException} or {@link ResourceUnavailable}.
     */
    CompletableFuture<byte[]> resource(ResourcePath path);

    @Override
    void close();
}
