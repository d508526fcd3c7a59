package io.github.coco4j.cdh.rest;

import com.google.protobuf.ByteString;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc;
import io.github.coco4j.proto.aa.GetEvidenceRequest;
import io.github.coco4j.proto.aa.GetEvidenceResponse;
import io.github.coco4j.proto.aa.GetTeeTypeRequest;
import io.github.coco4j.proto.aa.GetTeeTypeResponse;
import io.github.coco4j.proto.aa.GetTokenRequest;
import io.github.coco4j.proto.aa.GetTokenResponse;
import io.github.coco4j.proto.cdh.GetResourceRequest;
import io.github.coco4j.proto.cdh.GetResourceResponse;
import io.github.coco4j.proto.cdh.GetResourceServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A data hub and an attestation agent with fixed test data, served on a real unix socket by the tests. */
final class FakeBackends {
    /** Every byte value, so that the test sees the body passed through without any conversion. */
    static final byte[] KEY = allBytes();
    static final String TOKEN = "{\"token\":\"eyJhbGciOiJFUzI1NiJ9.e30.c2ln\",\"tee_keypair\":\"-----BEGIN PRIVATE KEY-----\"}";

    private FakeBackends() {
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256 * 3];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    static final class DataHub extends GetResourceServiceGrpc.GetResourceServiceImplBase {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public void getResource(GetResourceRequest request, StreamObserver<GetResourceResponse> observer) {
            String uri = request.getResourcePath();
            asked.add(uri);
            switch (uri) {
                case "kbs:///default/key/1" -> {
                    observer.onNext(GetResourceResponse.newBuilder().setResource(ByteString.copyFrom(KEY)).build());
                    observer.onCompleted();
                }
                case "kbs:///default/key/empty" -> {
                    observer.onNext(GetResourceResponse.getDefaultInstance());
                    observer.onCompleted();
                }
                case "kbs:///default/key/slow" -> {
                    // never answers: the client's deadline must end the call
                }
                default -> observer.onError(Status.NOT_FOUND
                        .withDescription("KBS: resource " + uri + " not found (ResourceNotFound)").asRuntimeException());
            }
        }
    }

    static final class Agent extends AttestationAgentServiceGrpc.AttestationAgentServiceImplBase {
        @Override
        public void getEvidence(GetEvidenceRequest request, StreamObserver<GetEvidenceResponse> observer) {
            String evidence = "{\"svn\":\"1\",\"report_data\":\""
                    + Base64.getEncoder().encodeToString(request.getRuntimeData().toByteArray()) + "\"}";
            observer.onNext(GetEvidenceResponse.newBuilder()
                    .setEvidence(ByteString.copyFrom(evidence, StandardCharsets.UTF_8)).build());
            observer.onCompleted();
        }

        @Override
        public void getToken(GetTokenRequest request, StreamObserver<GetTokenResponse> observer) {
            if (!request.getTokenType().equals("kbs")) {
                observer.onError(Status.INVALID_ARGUMENT
                        .withDescription("unsupported token type " + request.getTokenType()).asRuntimeException());
                return;
            }
            observer.onNext(GetTokenResponse.newBuilder().setToken(ByteString.copyFrom(TOKEN, StandardCharsets.UTF_8))
                    .build());
            observer.onCompleted();
        }

        @Override
        public void getTeeType(GetTeeTypeRequest request, StreamObserver<GetTeeTypeResponse> observer) {
            observer.onNext(GetTeeTypeResponse.newBuilder().setTee("sample").build());
            observer.onCompleted();
        }
    }
}
