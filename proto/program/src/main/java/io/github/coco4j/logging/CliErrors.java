package io.github.coco4j.logging;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The one line a command prints for a failure: what went wrong and with what, no stack trace. */
public final class CliErrors {
    private CliErrors() {
    }

    public static String describe(Throwable failure) {
        if (failure instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file";
        }
        if (failure instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (failure instanceof FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.toString();
        }
        return message.lines().findFirst().orElse(message);
    }
}
