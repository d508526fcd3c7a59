package io.github.coco4j.agent.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.coco4j.agent.backend.AgentException;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.proto.types.ARPNeighbor;
import io.github.coco4j.proto.types.IPAddress;
import io.github.coco4j.proto.types.IPFamily;
import io.github.coco4j.proto.types.Interface;
import io.github.coco4j.proto.types.Route;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pod's network as the Kata agent manages it (its netlink calls made with iproute2; lists read
 * from {@code ip -j}): in the VM's own network namespace, or in the pod's when the agent has one.
 */
public final class GuestNetwork {
    /** rtnetlink scopes by name (rt_scope_t). */
    private static final Map<String, Integer> SCOPES = Map.of("global", 0, "site", 200, "link", 253, "host", 254, "nowhere", 255);
    /** Neighbour states (NUD_*) by bit; Kata's 0 means permanent. */
    private static final Map<Integer, String> NUD = Map.of(0x01, "incomplete", 0x02, "reachable", 0x04, "stale",
            0x08, "delay", 0x10, "probe", 0x20, "failed", 0x40, "noarp", 0x80, "permanent");
    private static final int IFF_NOARP = 0x80;
    /** What the host may put in an argument of ip: never an option, never anything but a name, address or prefix. */
    private static final Pattern ARGUMENT = Pattern.compile("[A-Za-z0-9_.:/@-]{1,64}");

    private final List<String> ip;

    /** {@code netns}: the pod's network namespace (a path such as /run/netns/podns); null for the agent's own. */
    public GuestNetwork(Path netns) {
        this.ip = netns == null ? List.of("ip") : List.of("nsenter", "--net=" + netns, "ip");
    }

    public List<Interface> interfaces() throws IOException, InterruptedException {
        List<Interface> out = new ArrayList<>();
        for (JsonNode link : json("-j", "addr", "show")) {
            Interface.Builder i = Interface.newBuilder()
                    .setDevice(link.path("ifname").asText())
                    .setName(link.path("ifname").asText())
                    .setMtu(link.path("mtu").asLong())
                    .setHwAddr(link.path("address").asText())
                    .setType(link.path("link_type").asText());
            for (JsonNode addr : link.path("addr_info")) {
                i.addIPAddresses(IPAddress.newBuilder()
                        .setFamily("inet6".equals(addr.path("family").asText()) ? IPFamily.v6 : IPFamily.v4)
                        .setAddress(addr.path("local").asText())
                        .setMask(addr.path("prefixlen").asText()));
            }
            out.add(i.build());
        }
        return out;
    }

    public List<Route> routes() throws IOException, InterruptedException {
        List<Route> out = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            for (JsonNode r : json(family, "-j", "route", "show")) {
                String dest = r.path("dst").asText();
                out.add(Route.newBuilder()
                        .setDest("default".equals(dest) ? "" : dest)
                        .setGateway(r.path("gateway").asText(""))
                        .setDevice(r.path("dev").asText(""))
                        .setSource(r.path("prefsrc").asText(""))
                        .setScope(SCOPES.getOrDefault(r.path("scope").asText("global"), 0))
                        .setFamily(family.equals("-6") ? IPFamily.v6 : IPFamily.v4)
                        .setMtu(r.path("metrics").path(0).path("mtu").asInt(0))
                        .build());
            }
        }
        return out;
    }

    /**
     * Kata's update_interface: finds the link by hardware address (else takes the one of that name
     * and gives it the address), brings it down, adds the addresses (IPv6 ones only when the stack
     * has IPv6), moves aside a link already holding the name, then sets name, MTU, ARP and up.
     */
    public Interface updateInterface(Interface update) throws IOException, InterruptedException {
        String mac = checked("hwAddr", update.getHwAddr());
        String name = checked("name", update.getName());
        String link = linkByAddress(mac).orElse(null);
        if (link == null) {
            run("link", "set", "dev", name, "address", mac);
            link = linkByAddress(mac).orElseThrow(() -> new AgentException(AgentException.Kind.NOT_FOUND,
                    "no link has the hardware address " + mac));
        }
        run("link", "set", "dev", link, "down");
        boolean ipv6 = ipv6Enabled();
        for (IPAddress address : update.getIPAddressesList()) {
            if (address.getFamily() == IPFamily.v6 && !ipv6) {
                continue;
            }
            run("addr", "replace", checked("address", address.getAddress()) + "/" + checked("mask", address.getMask()), "dev", link);
        }
        if (!link.equals(name) && linkNames().contains(name)) {
            run("link", "set", "dev", name, "down");
            run("link", "set", "dev", name, "name", name + "_temp");
        }
        run("link", "set", "dev", link, "mtu", Long.toString(update.getMtu()), "arp",
                (update.getRawFlags() & IFF_NOARP) == 0 ? "on" : "off", "name", name);
        run("link", "set", "dev", name, "up");
        return update;
    }

    /** Kata's update_routes: routes without a gateway first (the others need them), each added or replaced in the main table. */
    public List<Route> updateRoutes(List<Route> routes) throws IOException, InterruptedException {
        List<Route> ordered = routes.stream().sorted(Comparator.comparing(r -> !r.getGateway().isEmpty())).toList();
        for (Route route : ordered) {
            List<String> args = new ArrayList<>(List.of(route.getFamily() == IPFamily.v6 ? "-6" : "-4", "route", "replace",
                    route.getDest().isEmpty() ? "default" : checked("dest", route.getDest()),
                    "dev", checked("device", route.getDevice()), "proto", "boot", "scope", Integer.toString(route.getScope())));
            if (!route.getGateway().isEmpty()) {
                args.addAll(List.of("via", checked("gateway", route.getGateway())));
            }
            if (!route.getSource().isEmpty()) {
                String source = checked("source", route.getSource());
                // A source with a prefix selects by source address; a bare address is the preferred source.
                args.addAll(source.contains("/") && !source.endsWith("/0") ? List.of("from", source) : List.of("src", source.replaceAll("/0$", "")));
            }
            if (route.getMtu() != 0) {
                args.addAll(List.of("mtu", Integer.toString(route.getMtu())));
            }
            run(args.toArray(String[]::new));
        }
        return routes();
    }

    /** Permanent entries unless a state is given, as in Kata (neighbour flags are not set). */
    public void addArpNeighbors(List<ARPNeighbor> neighbors) throws IOException, InterruptedException {
        for (ARPNeighbor n : neighbors) {
            String address = n.getToIPAddress().getAddress();
            if (address.isEmpty()) {
                throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, "an ARP neighbor has no IP address");
            }
            List<String> args = new ArrayList<>(List.of("neigh", "replace", checked("address", address), "dev", checked("device", n.getDevice())));
            if (!n.getLladdr().isEmpty()) {
                args.addAll(List.of("lladdr", checked("lladdr", n.getLladdr())));
            }
            args.addAll(List.of("nud", n.getState() == 0 ? "permanent" : state(n.getState())));
            run(args.toArray(String[]::new));
        }
    }

    private static String state(int bits) {
        String name = NUD.get(bits);
        if (name == null) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, "ARP neighbor state " + bits + " is not one state");
        }
        return name;
    }

    private Optional<String> linkByAddress(String mac) throws IOException, InterruptedException {
        for (JsonNode link : json("-j", "link", "show")) {
            if (link.path("address").asText().equalsIgnoreCase(mac)) {
                return Optional.of(link.path("ifname").asText());
            }
        }
        return Optional.empty();
    }

    private List<String> linkNames() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        json("-j", "link", "show").forEach(link -> names.add(link.path("ifname").asText()));
        return names;
    }

    /** Read in the namespace the links are in, which need not be the agent's. */
    private boolean ipv6Enabled() throws IOException, InterruptedException {
        List<String> sysctl = new ArrayList<>(ip.subList(0, ip.size() - 1));
        sysctl.addAll(List.of("cat", "/proc/sys/net/ipv6/conf/all/disable_ipv6", "/proc/sys/net/ipv6/conf/default/disable_ipv6"));
        try {
            return new String(Commands.run(sysctl), StandardCharsets.UTF_8).lines().anyMatch("0"::equals);
        } catch (AgentException noIpv6) {
            return false;
        }
    }

    private static String checked(String field, String value) {
        if (!ARGUMENT.matcher(value).matches() || value.startsWith("-")) {
            throw new AgentException(AgentException.Kind.INVALID_ARGUMENT, field + " '" + value + "' is not valid");
        }
        return value;
    }

    private byte[] run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ip);
        command.addAll(List.of(args));
        return Commands.run(command);
    }

    private JsonNode json(String... args) throws IOException, InterruptedException {
        byte[] output = run(args);
        return output.length == 0 ? JsonNodeFactory.instance.arrayNode() : JsonTrees.read(output);
    }
}
