package io.github.coco4j.agent.backend;

import io.github.coco4j.proto.kata.CopyFileRequest;
import io.github.coco4j.proto.kata.Storage;
import io.github.coco4j.proto.kata.VolumeStatsResponse;
import io.github.coco4j.proto.types.ARPNeighbor;
import io.github.coco4j.proto.types.Interface;
import io.github.coco4j.proto.types.Route;
import java.io.IOException;
import java.util.List;

/**
 * What AgentService asks of the guest itself, beside its containers: the pod's network, CPUs and
 * memory, clock and entropy, the files the host copies in and the volumes it asks about. Failures
 * throw {@link AgentException} (whose kind is the call's status) or I/O errors (INTERNAL).
 */
public interface GuestBackend {
    /** The network interfaces the pod sees. */
    List<Interface> interfaces() throws IOException, InterruptedException;

    /** The routes the pod sees. */
    List<Route> routes() throws IOException, InterruptedException;

    /** Sets the addresses, name, MTU of the interface with the given hardware address, and brings it up. */
    Interface updateInterface(Interface update) throws IOException, InterruptedException;

    /** Adds (or replaces) the routes; returns the routes there are then. */
    List<Route> updateRoutes(List<Route> routes) throws IOException, InterruptedException;

    void addArpNeighbors(List<ARPNeighbor> neighbors) throws IOException, InterruptedException;

    /** Brings {@code cpus} CPUs online (0: leaves them) and, unless {@code cpuOnly}, every memory block. */
    void onlineCpuMemory(int cpus, boolean cpuOnly) throws IOException, InterruptedException;

    /** The memory hotplug block size, 0 when the guest has none. */
    long memoryBlockSize() throws IOException;

    /** Whether memory can be hot-plugged by probe. */
    boolean memoryHotplugProbe();

    void setDateTime(long seconds, long micros) throws IOException, InterruptedException;

    /** Adds the host's entropy to the guest's random pool. */
    void reseedRandom(byte[] entropy) throws IOException;

    /** Writes a file, directory or symlink (or a chunk of a file) into the shared directory. */
    void copyFile(CopyFileRequest request) throws IOException;

    /** Capacity and inodes of the file system a volume is on. */
    VolumeStatsResponse volumeStats(String path) throws IOException, InterruptedException;

    /** Remounts ephemeral (tmpfs) storages with new options. */
    void updateEphemeralMounts(List<Storage> storages) throws IOException, InterruptedException;
}
