package io.github.coco4j.cdh.image.layer;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** The decompressors of layer blobs: the JDK's gzip (which reads every member of a multi-member file) and zstd-jni. */
public final class Decompression {
    private static final int BUFFER = 64 * 1024;

    private Decompression() {
    }

    public static InputStream open(LayerMediaType.Compression compression, InputStream in) throws IOException {
        return switch (compression) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new ZstdInputStream(in);
        };
    }
}
