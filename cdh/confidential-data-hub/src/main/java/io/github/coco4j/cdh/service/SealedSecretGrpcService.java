package io.github.coco4j.cdh.service;

import com.google.protobuf.ByteString;
import io.github.coco4j.cdh.sealed.SealedSecretException;
import io.github.coco4j.cdh.sealed.SealedSecrets;
import io.github.coco4j.proto.cdh.SealedSecretServiceGrpc;
import io.github.coco4j.proto.cdh.UnsealSecretInput;
import io.github.coco4j.proto.cdh.UnsealSecretOutput;
import io.github.coco4j.wire.ServiceErrors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** {@code api.SealedSecretService}: a sealed secret's plaintext; never logged. */
public final class SealedSecretGrpcService extends SealedSecretServiceGrpc.SealedSecretServiceImplBase {
    private final SealedSecrets secrets;

    public SealedSecretGrpcService(SealedSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public void unsealSecret(UnsealSecretInput request, StreamObserver<UnsealSecretOutput> response) {
        ServiceErrors.answer(response, SealedSecretGrpcService::statusOf, () -> UnsealSecretOutput.newBuilder()
                .setPlaintext(ByteString.copyFrom(secrets.unseal(request.getSecret().toByteArray()))).build());
    }

    private static Status statusOf(Throwable failure) {
        return failure instanceof SealedSecretException e
                ? Status.INVALID_ARGUMENT.withDescription("unseal secret failed: " + e.getMessage()) : null;
    }
}
