package io.github.coco4j.wire;

import io.grpc.ManagedChannel;

/** A client's channel to one endpoint, whichever the protocol: generated stubs use {@link #channel()}. */
public interface Connection extends AutoCloseable {
    ManagedChannel channel();

    /** Ends the channel and the threads it owns. */
    @Override
    void close();
}
