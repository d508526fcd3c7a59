package io.github.coco4j.agent.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.proto.types.ARPNeighbor;
import io.github.coco4j.proto.types.IPAddress;
import io.github.coco4j.proto.types.IPFamily;
import io.github.coco4j.proto.types.Interface;
import io.github.coco4j.proto.types.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * UpdateInterface, UpdateRoutes, AddARPNeighbors and the lists, as root in a fresh network
 * namespace holding a veth pair: what the Kata runtime sends for a pod (from a recorded one).
 */
class GuestNetworkTest {
    private static final String NETNS = "coco4j-net-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String MAC = "b2:76:e0:e4:44:83";
    private static GuestNetwork network;
    private static boolean created;

    @BeforeAll
    static void namespaceWithALink() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        ip("netns", "add", NETNS);
        created = true;
        ip("-n", NETNS, "link", "add", "veth-host", "type", "veth", "peer", "name", "veth-peer");
        ip("-n", NETNS, "link", "set", "veth-peer", "up");
        ip("-n", NETNS, "link", "set", "veth-host", "address", MAC);
        network = new GuestNetwork(Path.of("/run/netns", NETNS));
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (created) {
            ip("netns", "del", NETNS);
        }
    }

    private static String ip(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        return new String(Commands.run(command), StandardCharsets.UTF_8);
    }

    @Test
    void aPodsInterfaceRoutesAndNeighborsAreSetUp() throws Exception {
        Interface eth0 = Interface.newBuilder().setDevice("eth0").setName("eth0").setMtu(1400).setHwAddr(MAC)
                .addIPAddresses(IPAddress.newBuilder().setFamily(IPFamily.v4).setAddress("10.244.2.63").setMask("24"))
                .build();
        assertEquals(eth0, network.updateInterface(eth0));
        Interface listed = network.interfaces().stream().filter(i -> i.getName().equals("eth0")).findFirst().orElseThrow();
        assertEquals(1400, listed.getMtu());
        assertEquals(MAC, listed.getHwAddr());
        assertTrue(listed.getIPAddressesList().stream().anyMatch(a -> a.getAddress().equals("10.244.2.63") && a.getMask().equals("24")),
                listed.toString());
        assertTrue(ip("-n", NETNS, "link", "show", "eth0").contains("UP"));

        List<Route> routes = network.updateRoutes(List.of(
                Route.newBuilder().setGateway("10.244.2.1").setDevice("eth0").build(),
                Route.newBuilder().setDest("10.96.0.0/12").setDevice("eth0").setScope(253).build()));
        assertTrue(routes.contains(Route.newBuilder().setGateway("10.244.2.1").setDevice("eth0").setFamily(IPFamily.v4).build()),
                routes.toString());
        assertTrue(routes.stream().anyMatch(r -> r.getDest().equals("10.96.0.0/12") && r.getScope() == 253), routes.toString());
        assertEquals(routes, network.routes());

        network.addArpNeighbors(List.of(ARPNeighbor.newBuilder().setDevice("eth0").setLladdr("02:00:00:00:00:01")
                .setToIPAddress(IPAddress.newBuilder().setAddress("10.244.2.7")).build()));
        String neighbors = ip("-n", NETNS, "neigh", "show", "dev", "eth0");
        assertTrue(neighbors.contains("10.244.2.7 lladdr 02:00:00:00:00:01 PERMANENT"), neighbors);
    }

    @Test
    void anInterfaceNoLinkHasIsNotFoundAndArgumentsAreNeverOptions() {
        AgentException missing = assertThrows(AgentException.class, () -> network.updateInterface(Interface.newBuilder()
                .setName("eth7").setHwAddr("02:00:00:00:00:07").build()));
        assertEquals(AgentException.Kind.INTERNAL, missing.kind(), "ip cannot give a link that does not exist the address");
        AgentException option = assertThrows(AgentException.class, () -> network.updateRoutes(List.of(
                Route.newBuilder().setDevice("-force").build())));
        assertEquals(AgentException.Kind.INVALID_ARGUMENT, option.kind());
    }
}
