package io.github.coco4j.agent.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.proto.types.IPAddress;
import io.github.coco4j.proto.types.IPFamily;
import io.github.coco4j.proto.types.Interface;
import io.github.coco4j.proto.types.Route;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The guest's interfaces and routes, read with iproute2's JSON output ({@code ip -j}). */
public final class GuestNetwork {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** rtnetlink scopes by name (rt_scope_t). */
    private static final Map<String, Integer> SCOPES = Map.of("global", 0, "site", 200, "link", 253, "host", 254, "nowhere", 255);

    private GuestNetwork() {
    }

    public static List<Interface> interfaces() throws IOException, InterruptedException {
        List<Interface> out = new ArrayList<>();
        for (JsonNode link : ip("-j", "addr", "show")) {
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

    public static List<Route> routes() throws IOException, InterruptedException {
        List<Route> out = new ArrayList<>();
        for (String family : List.of("-4", "-6")) {
            for (JsonNode r : ip(family, "-j", "route", "show")) {
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

    private static JsonNode ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        java.lang.Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
        return output.length == 0 ? JSON.createArrayNode() : JSON.readTree(output);
    }
}
