package io.github.coco4j.aa.service;

/** Outcome of a runtime measurement request, as the AA protocol reports it. */
public enum RuntimeMeasurementResult {
    OK,
    NOT_SUPPORTED,
    NOT_ENABLED
}
