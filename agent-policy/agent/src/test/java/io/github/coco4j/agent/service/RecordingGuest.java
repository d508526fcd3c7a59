package io.github.coco4j.agent.service;

import io.github.coco4j.agent.backend.GuestBackend;
import io.github.coco4j.proto.kata.CopyFileRequest;
import io.github.coco4j.proto.kata.Storage;
import io.github.coco4j.proto.kata.VolumeStatsResponse;
import io.github.coco4j.proto.types.ARPNeighbor;
import io.github.coco4j.proto.types.Interface;
import io.github.coco4j.proto.types.Route;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the guest (network, CPUs, clock, shared files) that records each call and
 * changes nothing: recorded pods replayed here must not touch this machine's network.
 */
final class RecordingGuest implements GuestBackend {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public List<Interface> interfaces() {
        calls.add("interfaces");
        return List.of();
    }

    @Override
    public List<Route> routes() {
        calls.add("routes");
        return List.of();
    }

    @Override
    public Interface updateInterface(Interface update) {
        calls.add("updateInterface " + update.getName());
        return update;
    }

    @Override
    public List<Route> updateRoutes(List<Route> routes) {
        calls.add("updateRoutes " + routes.size());
        return routes;
    }

    @Override
    public void addArpNeighbors(List<ARPNeighbor> neighbors) {
        calls.add("addArpNeighbors " + neighbors.size());
    }

    @Override
    public void onlineCpuMemory(int cpus, boolean cpuOnly) {
        calls.add("onlineCpuMemory " + cpus);
    }

    @Override
    public long memoryBlockSize() {
        return 128L << 20;
    }

    @Override
    public boolean memoryHotplugProbe() {
        return false;
    }

    @Override
    public void setDateTime(long seconds, long micros) {
        calls.add("setDateTime " + seconds);
    }

    @Override
    public void reseedRandom(byte[] entropy) {
        calls.add("reseedRandom " + entropy.length);
    }

    @Override
    public void copyFile(CopyFileRequest request) {
        calls.add("copyFile " + request.getPath());
    }

    @Override
    public VolumeStatsResponse volumeStats(String path) {
        calls.add("volumeStats " + path);
        return VolumeStatsResponse.getDefaultInstance();
    }

    @Override
    public void updateEphemeralMounts(List<Storage> storages) {
        calls.add("updateEphemeralMounts " + storages.size());
    }
}
