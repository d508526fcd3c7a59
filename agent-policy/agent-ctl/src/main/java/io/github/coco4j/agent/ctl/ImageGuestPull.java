package io.github.coco4j.agent.ctl;

import io.github.coco4j.proto.kata.Storage;

/**
 * The storage Kata's runtime sends for a container whose image the guest pulls
 * ({@code KATA_VIRTUAL_VOLUME_IMAGE_GUEST_PULL}): the reference as source, the container's
 * annotations in the driver option, the rootfs mount point under Kata's container directory.
 */
final class ImageGuestPull {
    static final String DRIVER = "image_guest_pull";

    private ImageGuestPull() {
    }

    static Storage storage(String image, String containerId) {
        return Storage.newBuilder().setDriver(DRIVER).setSource(image).setFstype("overlay")
                .addDriverOptions(DRIVER + "={\"metadata\":{\"io.kubernetes.cri.container-type\":\"container\"}}")
                .setMountPoint("/run/kata-containers/" + containerId + "/rootfs").build();
    }
}
