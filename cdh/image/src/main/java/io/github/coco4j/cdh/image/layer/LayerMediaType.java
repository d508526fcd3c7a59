package io.github.coco4j.cdh.image.layer;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.ImageException.Stage;
import java.util.Map;

/** How a layer's blob is to be read, from its media type, by upstream's table; anything else is refused. */
public record LayerMediaType(Compression compression, boolean encrypted) {
    public enum Compression { NONE, GZIP, ZSTD }

    private static final String OCI = "application/vnd.oci.image.layer.v1.";
    private static final String OCI_ND = "application/vnd.oci.image.layer.nondistributable.v1.";
    private static final Map<String, LayerMediaType> KNOWN = Map.ofEntries(
            Map.entry(OCI + "tar", new LayerMediaType(Compression.NONE, false)),
            Map.entry(OCI_ND + "tar", new LayerMediaType(Compression.NONE, false)),
            Map.entry(OCI + "tar+gzip", new LayerMediaType(Compression.GZIP, false)),
            Map.entry(OCI_ND + "tar+gzip", new LayerMediaType(Compression.GZIP, false)),
            Map.entry("application/vnd.docker.image.rootfs.diff.tar.gzip", new LayerMediaType(Compression.GZIP, false)),
            Map.entry(OCI + "tar+zstd", new LayerMediaType(Compression.ZSTD, false)),
            Map.entry(OCI_ND + "tar+zstd", new LayerMediaType(Compression.ZSTD, false)),
            Map.entry(OCI + "tar+encrypted", new LayerMediaType(Compression.NONE, true)),
            Map.entry(OCI_ND + "tar+encrypted", new LayerMediaType(Compression.NONE, true)),
            Map.entry(OCI + "tar+gzip+encrypted", new LayerMediaType(Compression.GZIP, true)),
            Map.entry(OCI_ND + "tar+gzip+encrypted", new LayerMediaType(Compression.GZIP, true)));

    public static LayerMediaType of(String mediaType) throws ImageException {
        LayerMediaType type = KNOWN.get(mediaType);
        if (type == null) {
            throw new ImageException(Stage.LAYER, "unhandled media type " + mediaType);
        }
        return type;
    }
}
