package io.github.coco4j.aa.attester.tsm;

/** What one configfs-tsm request returned: the report ({@code outblob}) and, when asked, the auxiliary blob. */
public record TsmReport(byte[] outblob, byte[] auxblob) {
}
