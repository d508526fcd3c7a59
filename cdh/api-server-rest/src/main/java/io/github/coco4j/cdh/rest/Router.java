package io.github.coco4j.cdh.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.client.AttestationAgentClient;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.wire.BackendException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps a request to its answer, in upstream's order: peer check, {@code /info}, feature gate, route.
 * Answers come asynchronously because routes call the backends.
 */
final class Router {
    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private final Features features;
    private final ResourceSource cdh;
    private final AttestationAgentClient aa;
    private final String version;

    /** {@code cdh} and {@code aa} are null exactly when their feature is off. */
    Router(Features features, ResourceSource cdh, AttestationAgentClient aa, String version) {
        this.features = features;
        this.cdh = cdh;
        this.aa = aa;
        this.version = version;
    }

    CompletableFuture<Reply> route(SocketAddress peer, String method, String uri) {
        if (!LoopbackOnly.allows(peer)) {
            return done(Reply.forbidden());
        }
        RequestTarget target;
        try {
            target = RequestTarget.parse(uri);
        } catch (IllegalArgumentException e) {
            return refused(e);
        }
        String path = target.rawPath();
        if (path.equals("/info")) {
            return method.equals("GET") ? info() : done(Reply.methodNotAllowed());
        }
        if (path.startsWith("/cdh/")) {
            return cdh == null ? done(Reply.text(404, "Resource Feature Not Enabled")) : resource(method, path);
        }
        if (path.startsWith("/aa/")) {
            return aa == null ? done(Reply.text(404, "Attestation Feature Not Enabled"))
                    : attestation(method, path, target);
        }
        return done(Reply.notFound());
    }

    private CompletableFuture<Reply> resource(String method, String path) {
        if (!path.equals("/cdh/resource") && !path.startsWith(ResourcePath.PREFIX)) {
            return done(Reply.notFound());
        }
        // Upstream serves any method here; a resource is only ever read.
        if (!method.equals("GET")) {
            return done(Reply.methodNotAllowed());
        }
        ResourcePath resource;
        try {
            resource = ResourcePath.parse(path);
        } catch (IllegalArgumentException e) {
            return refused(e);
        }
        return answer("Failed to get resource", cdh.resource(resource), Reply::octetStream);
    }

    private CompletableFuture<Reply> attestation(String method, String path, RequestTarget target) {
        // Upstream matches path and method together: a wrong method is an unknown URL.
        if (!method.equals("GET")) {
            return done(Reply.notFound());
        }
        switch (path) {
            case "/aa/token": {
                Optional<String> type = target.parameter("token_type");
                return type.isEmpty() ? refused(new IllegalArgumentException("missing token_type"))
                        : answer("Failed to get token", aa.tokenAsync(type.get()), Reply::octetStream);
            }
            case "/aa/evidence":
                return withRuntimeData(target, data -> answer("Failed to get evidence", aa.evidenceAsync(data), Reply::octetStream));
            case "/aa/additional-evidence":
                return withRuntimeData(target, data -> answer("Failed to get additional evidence", aa.additionalEvidenceAsync(data),
                        Reply::octetStream));
            default:
                return done(Reply.notFound());
        }
    }

    private CompletableFuture<Reply> withRuntimeData(RequestTarget target,
                                                     Function<byte[], CompletableFuture<Reply>> call) {
        Optional<String> value = target.parameter("runtime_data");
        if (value.isEmpty()) {
            return refused(new IllegalArgumentException("missing runtime_data"));
        }
        try {
            return call.apply(RuntimeData.decode(value.get(), target.parameter("encoding").orElse(null)));
        } catch (IllegalArgumentException e) {
            return refused(e);
        }
    }

    /** Version and features; the TEE only when the attestation agent is one of the backends. */
    private CompletableFuture<Reply> info() {
        if (aa == null) {
            return done(Reply.json(infoJson(null, List.of())));
        }
        CompletableFuture<String> tee = aa.teeTypeAsync()
                .exceptionallyCompose(error -> failed("Failed to get TEE type", error));
        CompletableFuture<List<String>> additional = aa.additionalTeesAsync()
                .exceptionallyCompose(error -> failed("Failed to get additional TEEs", error));
        return answer(tee.thenCombine(additional, (t, a) -> infoJson(t, a)), Reply::json);
    }

    private byte[] infoJson(String tee, List<String> additionalTees) {
        ObjectNode info = JsonNodeFactory.instance.objectNode().put("version", version);
        if (tee != null) {
            info.put("tee", tee);
        }
        if (!additionalTees.isEmpty()) {
            additionalTees.forEach(info.putArray("additional_tees")::add);
        }
        info.put("feature", features.wireName());
        return JsonTrees.writeBytes(info);
    }

    /** The backend's answer as a reply, or its failure as a 500: {@code failure}, then the backend's reason. */
    private static <T> CompletableFuture<Reply> answer(String failure, CompletableFuture<T> call,
                                                      Function<T, Reply> reply) {
        return answer(call.exceptionallyCompose(error -> failed(failure, error)), reply);
    }

    /** {@code error}, its text prefixed with what failed ("Failed to get resource") if it is a backend's. */
    private static <T> CompletableFuture<T> failed(String failure, Throwable error) {
        Throwable cause = unwrap(error);
        return CompletableFuture.failedFuture(cause instanceof BackendException || cause instanceof ResourceUnavailable
                ? new FailedCall(failure + ": " + cause.getMessage(), cause) : cause);
    }

    /** What the caller reads about a failed backend call. */
    private static final class FailedCall extends Exception {
        private static final long serialVersionUID = 1L;

        FailedCall(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** The answer as a reply, or a failed call as a 500 with its text. */
    private static <T> CompletableFuture<Reply> answer(CompletableFuture<T> call, Function<T, Reply> reply) {
        return call.thenApply(reply).exceptionally(error -> {
            Throwable cause = unwrap(error);
            if (cause instanceof FailedCall) {
                LOG.warning(cause.getMessage());
                return Reply.internalError(cause.getMessage());
            }
            LOG.log(Level.WARNING, "request failed", cause);
            return Reply.internalError("internal error: " + cause);
        });
    }

    private static CompletableFuture<Reply> refused(IllegalArgumentException reason) {
        LOG.fine(() -> "bad request: " + reason.getMessage());
        return done(Reply.badRequest());
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
