package io.github.coco4j.aa.service;

import com.google.protobuf.ByteString;
import io.github.coco4j.proto.aa.AttestationAgentServiceGrpc;
import io.github.coco4j.proto.aa.BindInitDataRequest;
import io.github.coco4j.proto.aa.BindInitDataResponse;
import io.github.coco4j.proto.aa.ExtendRuntimeMeasurementRequest;
import io.github.coco4j.proto.aa.ExtendRuntimeMeasurementResponse;
import io.github.coco4j.proto.aa.GetAdditionalEvidenceRequest;
import io.github.coco4j.proto.aa.GetAdditionalTeesRequest;
import io.github.coco4j.proto.aa.GetAdditionalTeesResponse;
import io.github.coco4j.proto.aa.GetEvidenceRequest;
import io.github.coco4j.proto.aa.GetEvidenceResponse;
import io.github.coco4j.proto.aa.GetTeeTypeRequest;
import io.github.coco4j.proto.aa.GetTeeTypeResponse;
import io.github.coco4j.proto.aa.GetTokenRequest;
import io.github.coco4j.proto.aa.GetTokenResponse;
import io.github.coco4j.wire.ServiceErrors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.logging.Logger;

/** The AttestationAgentService gRPC interface over {@link AttestationAgent}. */
public final class AttestationAgentGrpcService extends AttestationAgentServiceGrpc.AttestationAgentServiceImplBase {
    private static final Logger LOG = Logger.getLogger(AttestationAgentGrpcService.class.getName());

    private final AttestationAgent agent;

    public AttestationAgentGrpcService(AttestationAgent agent) {
        this.agent = agent;
    }

    /** One call: its answer, or its failure as a status; a {@link ServiceException} is logged with the call's name. */
    private static <T> void answer(String name, StreamObserver<T> observer, ServiceErrors.Body<T> call) {
        ServiceErrors.answer(observer, failure -> statusOf(name, failure), call);
    }

    private static Status statusOf(String name, Throwable failure) {
        if (failure instanceof ServiceException e) {
            LOG.warning(name + ": " + e.getMessage());
            return (e.callerError() ? Status.INVALID_ARGUMENT : Status.INTERNAL).withDescription(e.getMessage());
        }
        if (failure instanceof InterruptedException) {
            return Status.CANCELLED.withDescription(name + " interrupted");
        }
        return null;
    }

    @Override
    public void getEvidence(GetEvidenceRequest request, StreamObserver<GetEvidenceResponse> observer) {
        answer("GetEvidence", observer, () -> GetEvidenceResponse.newBuilder()
                .setEvidence(ByteString.copyFrom(agent.evidence(request.getRuntimeData().toByteArray()))).build());
    }

    /** No additional devices are attested: the answer is empty, as upstream's without any. */
    @Override
    public void getAdditionalEvidence(GetAdditionalEvidenceRequest request,
                                      StreamObserver<GetEvidenceResponse> observer) {
        answer("GetAdditionalEvidence", observer, () -> GetEvidenceResponse.getDefaultInstance());
    }

    @Override
    public void getToken(GetTokenRequest request, StreamObserver<GetTokenResponse> observer) {
        answer("GetToken", observer, () -> GetTokenResponse.newBuilder()
                .setToken(ByteString.copyFrom(agent.token(request.getTokenType()))).build());
    }

    @Override
    public void extendRuntimeMeasurement(ExtendRuntimeMeasurementRequest request,
                                         StreamObserver<ExtendRuntimeMeasurementResponse> observer) {
        answer("ExtendRuntimeMeasurement", observer, () -> {
            Integer pcr = request.hasRegisterIndex() ? (int) Math.min(request.getRegisterIndex(), Integer.MAX_VALUE)
                    : null;
            RuntimeMeasurementResult result = agent.extendRuntimeMeasurement(request.getDomain(),
                    request.getOperation(), request.getContent(), pcr);
            return ExtendRuntimeMeasurementResponse.newBuilder()
                    .setResult(io.github.coco4j.proto.aa.RuntimeMeasurementResult.valueOf(result.name())).build();
        });
    }

    /** Verifies (never extends) the binding: PCR8 is measured once at boot by the provisioner. */
    @Override
    public void bindInitData(BindInitDataRequest request, StreamObserver<BindInitDataResponse> observer) {
        answer("BindInitData", observer, () -> {
            agent.checkInitDataBinding(request.getDigest().toByteArray());
            return BindInitDataResponse.getDefaultInstance();
        });
    }

    @Override
    public void getTeeType(GetTeeTypeRequest request, StreamObserver<GetTeeTypeResponse> observer) {
        answer("GetTeeType", observer, () -> GetTeeTypeResponse.newBuilder().setTee(agent.teeType()).build());
    }

    @Override
    public void getAdditionalTees(GetAdditionalTeesRequest request, StreamObserver<GetAdditionalTeesResponse> observer) {
        answer("GetAdditionalTees", observer, GetAdditionalTeesResponse::getDefaultInstance);
    }
}
