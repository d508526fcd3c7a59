package io.github.coco4j.wire;

/** A server answering on one endpoint, whichever the protocol. */
public interface Listener extends AutoCloseable {
    /** Where it listens; for {@code tcp:HOST:0}, with the port it got. */
    Endpoint endpoint();

    /** Waits until {@link #close()} has stopped it. */
    void awaitTermination() throws InterruptedException;

    /** Stops accepting, ends the calls in flight and removes a unix socket file. */
    @Override
    void close();
}
