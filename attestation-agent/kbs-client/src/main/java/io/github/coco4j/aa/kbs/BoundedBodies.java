package io.github.coco4j.aa.kbs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Response bodies read up to a limit: a KBS, or anyone on its plain-HTTP path, must not be able to
 * make the guest hold an answer of any size. A larger answer fails the request as soon as the
 * limit is passed (or at once, when its Content-Length says so).
 */
public final class BoundedBodies {
    private BoundedBodies() {
    }

    public static HttpResponse.BodyHandler<byte[]> ofBytes(int limit) {
        return info -> {
            long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
            Collector collector = new Collector(limit);
            if (declared > limit) {
                collector.body.completeExceptionally(tooLarge(limit));
            }
            return collector;
        };
    }

    public static HttpResponse.BodyHandler<String> ofString(int limit) {
        return info -> HttpResponse.BodySubscribers.mapping(ofBytes(limit).apply(info),
                bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static IOException tooLarge(int limit) {
        return new IOException("the answer is larger than " + limit + " bytes");
    }

    private static final class Collector implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Collector(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (body.isDone()) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (body.isDone()) {
                    return;
                }
                if (bytes.size() + (long) buffer.remaining() > limit) {
                    subscription.cancel();
                    body.completeExceptionally(tooLarge(limit));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
