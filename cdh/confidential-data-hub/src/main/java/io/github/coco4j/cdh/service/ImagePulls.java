package io.github.coco4j.cdh.service;

import io.github.coco4j.cdh.image.ImageException;
import io.github.coco4j.cdh.image.config.ImagePullConfig;
import io.github.coco4j.cdh.image.manifest.Platform;
import io.github.coco4j.cdh.image.pull.ImagePuller;
import io.github.coco4j.cdh.image.pull.PullContext;
import io.github.coco4j.cdh.image.pull.Verifiers;
import io.github.coco4j.cdh.image.resource.Resources;
import io.github.coco4j.cdh.kbc.Kbc;
import io.github.coco4j.cdh.kbc.KbcException;
import io.github.coco4j.cdh.kbc.ResourceUri;
import java.io.IOException;

/** The image puller over the hub's own KBC: kbs:// resources of the image configuration come from where GetResource's do. */
public final class ImagePulls {
    private ImagePulls() {
    }

    public static ImagePuller create(ImagePullConfig config, Kbc kbc, Platform platform) throws ImageException {
        return new ImagePuller(PullContext.build(config, new Resources(uri -> resource(kbc, uri)), Verifiers::standard), platform);
    }

    private static byte[] resource(Kbc kbc, String uri) throws IOException {
        try {
            return kbc.getResource(ResourceUri.parse(uri));
        } catch (KbcException | IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }
}
