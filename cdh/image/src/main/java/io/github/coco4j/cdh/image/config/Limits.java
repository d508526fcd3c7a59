package io.github.coco4j.cdh.image.config;

import java.time.Duration;

/**
 * Bounds of one pull, so that a hostile registry or image cannot exhaust the guest: documents
 * (manifests, configs, signatures), each layer's and all layers' uncompressed size, and how long
 * the registry may keep us waiting.
 */
public record Limits(int documentBytes, long layerBytes, long totalBytes, Duration connectTimeout,
                     Duration requestTimeout, Duration idleTimeout) {
    public static final Limits DEFAULT = new Limits(4 << 20, 16L << 30, 64L << 30,
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(60));
}
