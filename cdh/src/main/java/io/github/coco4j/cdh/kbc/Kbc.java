package io.github.coco4j.cdh.kbc;

/** A key broker client: where the hub's resources come from. */
public interface Kbc {
    byte[] getResource(ResourceUri uri) throws KbcException, InterruptedException;
}
