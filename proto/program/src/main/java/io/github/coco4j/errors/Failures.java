package io.github.coco4j.errors;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;

/**
 * What went wrong, in words, for the end of a one-line error. Many JDK exceptions carry no
 * message (a refused connection from the HTTP client, an end of stream), and "…: null" tells a
 * user nothing.
 */
public final class Failures {
    private Failures() {
    }

    /** The first message down the cause chain that says something, or the first failure's kind. */
    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String known = known(cause);
            if (known != null) {
                return known;
            }
        }
        return failure.getClass().getSimpleName();
    }

    private static String known(Throwable failure) {
        String message = failure.getMessage();
        // new IOException(cause) copies cause.toString(), which names a class, not what happened.
        boolean wrapped = failure.getCause() != null && failure.getCause().toString().equals(message);
        if (message != null && !message.isBlank() && !wrapped) {
            return message;
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof EOFException || failure instanceof ClosedChannelException) {
            return "the connection was closed";
        }
        if (failure instanceof SocketTimeoutException) {
            return "timed out";
        }
        return null;
    }
}
