package io.github.coco4j.cdh.service;

import com.google.protobuf.ByteString;
import io.github.coco4j.cdh.sealed.SealedSecretException;
import io.github.coco4j.cdh.sealed.SealedSecrets;
import io.github.coco4j.proto.cdh.SealedSecretServiceGrpc;
import io.github.coco4j.proto.cdh.UnsealSecretInput;
import io.github.coco4j.proto.cdh.UnsealSecretOutput;
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
        try {
            byte[] plaintext = secrets.unseal(request.getSecret().toByteArray());
            response.onNext(UnsealSecretOutput.newBuilder().setPlaintext(ByteString.copyFrom(plaintext)).build());
            response.onCompleted();
        } catch (SealedSecretException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("unseal secret failed: " + e.getMessage()).asRuntimeException());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
        }
    }
}
