package io.github.coco4j.ttrpc.client;

import io.github.coco4j.ttrpc.wire.Response;
import io.grpc.Status;

/** Where a connection hands the outcome of one stream: exactly one of the two, once. */
interface ResponseSink {
    void onResponse(Response response);

    /** The call failed without a response: connection trouble or an undecodable answer. */
    void onFailure(Status status);
}
