package io.github.coco4j.agent.guest;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.agent.backend.GuestBackend;
import io.github.coco4j.agent.files.SharedFiles;
import io.github.coco4j.proto.kata.CopyFileRequest;
import io.github.coco4j.proto.kata.Storage;
import io.github.coco4j.proto.kata.VolumeStatsResponse;
import io.github.coco4j.proto.types.ARPNeighbor;
import io.github.coco4j.proto.types.Interface;
import io.github.coco4j.proto.types.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The guest the agent runs in: its network (or the pod's namespace), sysfs, clock, entropy and shared directory. */
public final class Guest implements GuestBackend {
    /** Enough to reseed any pool (the kernel mixes what it is given into a 256-bit state). */
    static final int MAX_ENTROPY_BYTES = 4096;

    private final GuestNetwork network;
    private final CpuMemory cpuMemory;
    private final SharedFiles sharedFiles;
    private final Path randomDevice;

    /**
     * {@code podNetns}: the pod's network namespace, null for the agent's; {@code sysfs}: /sys in
     * the guest; {@code randomDevice}: /dev/urandom in the guest.
     */
    public Guest(Path podNetns, Path sysfs, SharedFiles sharedFiles, Path randomDevice) {
        this.network = new GuestNetwork(podNetns);
        this.cpuMemory = new CpuMemory(sysfs);
        this.sharedFiles = sharedFiles;
        this.randomDevice = randomDevice;
    }

    /** The real guest: /sys, /dev/urandom and Kata's shared directory. */
    public static Guest of(Path podNetns, Path sharedDir) {
        return new Guest(podNetns, Path.of("/sys"), new SharedFiles(sharedDir, SharedFiles.DEFAULT_MAX_FILE_SIZE), Path.of("/dev/urandom"));
    }

    @Override
    public List<Interface> interfaces() throws IOException, InterruptedException {
        return network.interfaces();
    }

    @Override
    public List<Route> routes() throws IOException, InterruptedException {
        return network.routes();
    }

    @Override
    public Interface updateInterface(Interface update) throws IOException, InterruptedException {
        return network.updateInterface(update);
    }

    @Override
    public List<Route> updateRoutes(List<Route> routes) throws IOException, InterruptedException {
        return network.updateRoutes(routes);
    }

    @Override
    public void addArpNeighbors(List<ARPNeighbor> neighbors) throws IOException, InterruptedException {
        network.addArpNeighbors(neighbors);
    }

    @Override
    public void onlineCpuMemory(int cpus, boolean cpuOnly) throws IOException, InterruptedException {
        cpuMemory.online(cpus, cpuOnly);
    }

    @Override
    public long memoryBlockSize() throws IOException {
        return cpuMemory.blockSize();
    }

    @Override
    public boolean memoryHotplugProbe() {
        return cpuMemory.hotplugProbe();
    }

    @Override
    public void setDateTime(long seconds, long micros) throws IOException, InterruptedException {
        Clock.set(seconds, micros);
    }

    /** Written to the random device, which mixes it into the pool (Kata also credits it, which needs an ioctl). */
    @Override
    public void reseedRandom(byte[] entropy) throws IOException {
        if (entropy.length == 0 || entropy.length > MAX_ENTROPY_BYTES) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT,
                    "entropy of " + entropy.length + " bytes: between 1 and " + MAX_ENTROPY_BYTES + " expected");
        }
        Files.write(randomDevice, entropy, StandardOpenOption.WRITE);
    }

    @Override
    public void copyFile(CopyFileRequest request) throws IOException {
        sharedFiles.copy(request);
    }

    @Override
    public VolumeStatsResponse volumeStats(String path) throws IOException, InterruptedException {
        return Volumes.stats(path);
    }

    @Override
    public void updateEphemeralMounts(List<Storage> storages) throws IOException, InterruptedException {
        EphemeralMounts.update(storages);
    }
}
