package io.github.coco4j.agent.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.proto.kata.Storage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A CreateContainerRequest storage of Kata's {@code image_guest_pull} driver: the image reference is
 * its source, and its driver option {@code image_guest_pull=<JSON {"metadata":{…}}>} carries the
 * container's annotations, which tell the pod's sandbox (pause) container from the others.
 */
record ImageStorage(String image, JsonNode metadata) {
    static final String DRIVER = "image_guest_pull";
    /** Kata's K8S_CONTAINER_TYPE_KEYS: containerd's and CRI-O's annotation of the container's type. */
    private static final List<String> CONTAINER_TYPE_KEYS = List.of("io.kubernetes.cri.container-type",
            "io.kubernetes.cri-o.ContainerType");

    /** The request's image storage, if it has one. */
    static Optional<ImageStorage> find(List<Storage> storages) {
        return storages.stream().filter(s -> s.getDriver().equals(DRIVER)).findFirst().map(ImageStorage::of);
    }

    private static ImageStorage of(Storage storage) {
        if (storage.getSource().isEmpty()) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, "the image_guest_pull storage names no image");
        }
        String prefix = DRIVER + "=";
        String option = storage.getDriverOptionsList().stream().filter(o -> o.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AgentException(AgentException.Kind.INVALID_ARGUMENT,
                        "missing Image information for ImagePull volume"));
        try {
            return new ImageStorage(storage.getSource(), JsonTrees.read(option.substring(prefix.length())).path("metadata"));
        } catch (IOException e) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT,
                    "the image_guest_pull driver option is not JSON: " + JsonTrees.reason(e));
        }
    }

    /** Whether this is the pod's sandbox container, which Kata never pulls. */
    boolean sandbox() {
        return CONTAINER_TYPE_KEYS.stream().anyMatch(key -> metadata.path(key).asText("").equals("sandbox"));
    }
}
