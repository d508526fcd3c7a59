package io.github.coco4j.cdh.rest;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer, independent of netty so that routing can be tested on its own.
 * Status texts are upstream's, since workloads written against upstream compare them.
 */
public record Reply(int status, String contentType, byte[] body) {
    static final String OCTET_STREAM = "application/octet-stream";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    static Reply octetStream(byte[] body) {
        return new Reply(200, OCTET_STREAM, body);
    }

    static Reply json(byte[] body) {
        return new Reply(200, JSON, body);
    }

    static Reply text(int status, String text) {
        return new Reply(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static Reply badRequest() {
        return text(400, "BAD REQUEST");
    }

    static Reply forbidden() {
        return text(403, "Forbidden");
    }

    static Reply notFound() {
        return text(404, "URL NOT FOUND");
    }

    static Reply methodNotAllowed() {
        return text(405, "Method Not Allowed");
    }

    static Reply internalError(String text) {
        return text(500, text);
    }

    /** The body as text, for error answers and tests; resource bodies are never turned into text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
