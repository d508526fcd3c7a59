package io.github.coco4j.agent.image;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.agent.files.Trees;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.Spec;
import io.github.coco4j.proto.kata.Storage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Containers whose image the guest pulls (Kata's {@code image_guest_pull} storage): each gets a
 * bundle directory of its own, {@code <dir>/<container id>} (Kata's is
 * {@code /run/kata-containers/<container id>}), into which the data hub pulls the image; the
 * container then runs on {@code <bundle>/rootfs} with the image's process filling what the request
 * left empty. The sandbox container runs the guest's pause bundle instead. A bundle lives as long
 * as its container.
 */
public final class ContainerImages implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ContainerImages.class.getName());

    private final Path dir;
    private final DataHubImages dataHub;
    private final PauseBundle pause;

    public ContainerImages(Path dir, DataHubImages dataHub, Path pauseBundle) throws IOException {
        this.dir = Files.createDirectories(dir).toAbsolutePath().normalize();
        this.dataHub = dataHub;
        this.pause = new PauseBundle(pauseBundle);
    }

    /** Makes a container from the spec it is given. */
    @FunctionalInterface
    public interface Creation {
        void create(Spec spec) throws IOException;
    }

    /**
     * Creates the container from its spec as sent without an image storage, else from the spec on
     * the image's rootfs with the image's process. A failure leaves no bundle behind.
     */
    public void create(String containerId, Spec spec, List<Storage> storages, Creation creation) throws IOException {
        Optional<ImageStorage> image = ImageStorage.find(storages);
        if (image.isEmpty()) {
            creation.create(spec);
            return;
        }
        Path bundle = createBundle(containerId);
        try {
            Process process = image.get().sandbox() ? pause.copyInto(bundle) : pulled(image.get().image(), bundle, spec.getProcess());
            creation.create(spec.toBuilder().setProcess(process)
                    .setRoot(spec.getRoot().toBuilder().setPath(bundle.resolve("rootfs").toString())).build());
        } catch (IOException | RuntimeException e) {
            remove(containerId);
            throw e;
        }
    }

    private Process pulled(String image, Path bundle, Process requested) throws IOException {
        String digest = dataHub.pull(image, bundle);
        LOG.info(() -> "pulled " + image + " (" + digest + ") for container " + bundle.getFileName());
        return ImageProcess.merge(requested, ImageProcess.read(bundle.resolve("config.json")));
    }

    /** A new directory for the container: an id that is no plain name, or a bundle there already, is refused. */
    private Path createBundle(String containerId) throws IOException {
        Path bundle = bundleOf(containerId).orElseThrow(() -> new AgentException(AgentException.Kind.INVALID_ARGUMENT,
                "container_id '" + containerId + "' is not a valid id"));
        try {
            return Files.createDirectory(bundle);
        } catch (FileAlreadyExistsException e) {
            throw new AgentException(AgentException.Kind.ALREADY_EXISTS, "container " + containerId + " already has an image bundle");
        }
    }

    /** Removes the container's bundle, if it has one. */
    public void remove(String containerId) {
        Optional<Path> bundle = bundleOf(containerId);
        try {
            if (bundle.isPresent()) {
                Trees.delete(bundle.get());
            }
        } catch (IOException e) {
            LOG.warning(() -> "removing the image bundle of " + containerId + ": " + e.getMessage());
        }
    }

    /** The bundle directory of a container id that is a plain name (no separator, not "." or ".."). */
    private Optional<Path> bundleOf(String containerId) {
        Path bundle = dir.resolve(containerId).normalize();
        return dir.equals(bundle.getParent()) ? Optional.of(bundle) : Optional.empty();
    }

    /** Removes every bundle (the sandbox is gone, or the agent stops). */
    public void removeAll() {
        try (var bundles = Files.list(dir)) {
            bundles.forEach(bundle -> remove(bundle.getFileName().toString()));
        } catch (IOException e) {
            LOG.warning(() -> "listing the image bundles: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        removeAll();
        dataHub.close();
    }
}
