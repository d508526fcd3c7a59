package io.github.coco4j.wire;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** A client's channel to one endpoint, whichever the protocol: generated stubs use {@link #channel()}. */
public interface Connection extends AutoCloseable {
    ManagedChannel channel();

    /** Ends the channel and the threads it owns. */
    @Override
    void close();

    /** A connection that ends {@code channel} (waiting briefly for its calls), then runs {@code release}. */
    static Connection of(ManagedChannel channel, Runnable release) {
        return new Connection() {
            @Override
            public ManagedChannel channel() {
                return channel;
            }

            @Override
            public void close() {
                channel.shutdownNow();
                try {
                    channel.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release.run();
            }
        };
    }
}
