package io.github.coco4j.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.github.coco4j.proto.kata.AgentServiceGrpc;
import io.github.coco4j.proto.kata.ExecProcessRequest;
import io.github.coco4j.proto.kata.HealthGrpc;
import io.github.coco4j.proto.kata.LinuxSyscall;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.User;
import io.github.coco4j.proto.types.Interface;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AgentServiceProtocolTest {
    /** The RPCs of the Kata agent protocol, with the request each takes. */
    private static final List<String> AGENT_RPCS = List.of(
            "CreateContainer:CreateContainerRequest", "StartContainer:StartContainerRequest",
            "RemoveContainer:RemoveContainerRequest", "ExecProcess:ExecProcessRequest",
            "SignalProcess:SignalProcessRequest", "WaitProcess:WaitProcessRequest",
            "UpdateContainer:UpdateContainerRequest", "UpdateEphemeralMounts:UpdateEphemeralMountsRequest",
            "StatsContainer:StatsContainerRequest", "PauseContainer:PauseContainerRequest",
            "ResumeContainer:ResumeContainerRequest", "RemoveStaleVirtiofsShareMounts:RemoveStaleVirtiofsShareMountsRequest",
            "GetDiagnosticData:GetDiagnosticDataRequest", "WriteStdin:WriteStreamRequest", "ReadStdout:ReadStreamRequest",
            "ReadStderr:ReadStreamRequest", "CloseStdin:CloseStdinRequest", "TtyWinResize:TtyWinResizeRequest",
            "UpdateInterface:UpdateInterfaceRequest", "UpdateRoutes:UpdateRoutesRequest",
            "ListInterfaces:ListInterfacesRequest", "ListRoutes:ListRoutesRequest", "AddARPNeighbors:AddARPNeighborsRequest",
            "GetIPTables:GetIPTablesRequest", "SetIPTables:SetIPTablesRequest", "GetMetrics:GetMetricsRequest",
            "MemAgentMemcgSet:MemAgentMemcgConfig", "MemAgentCompactSet:MemAgentCompactConfig",
            "CreateSandbox:CreateSandboxRequest", "DestroySandbox:DestroySandboxRequest", "OnlineCPUMem:OnlineCPUMemRequest",
            "ReseedRandomDev:ReseedRandomDevRequest", "GetGuestDetails:GuestDetailsRequest",
            "MemHotplugByProbe:MemHotplugByProbeRequest", "SetGuestDateTime:SetGuestDateTimeRequest",
            "CopyFile:CopyFileRequest", "GetOOMEvent:GetOOMEventRequest", "AddSwap:AddSwapRequest",
            "AddSwapPath:AddSwapPathRequest", "GetVolumeStats:VolumeStatsRequest", "ResizeVolume:ResizeVolumeRequest",
            "SetPolicy:SetPolicyRequest");

    private static String requestName(MethodDescriptor<?, ?> method) {
        String type = ((io.grpc.protobuf.ProtoMethodDescriptorSupplier) method.getSchemaDescriptor()).getMethodDescriptor()
                .getInputType().getName();
        return method.getBareMethodName() + ":" + type;
    }

    @Test
    void agentServiceHasEveryRpcOfTheKataProtocol() {
        var service = AgentServiceGrpc.getServiceDescriptor();
        assertEquals("grpc.AgentService", service.getName());
        Set<String> methods = service.getMethods().stream().map(AgentServiceProtocolTest::requestName).collect(Collectors.toSet());
        assertEquals(42, methods.size());
        assertEquals(Set.copyOf(AGENT_RPCS), methods);
        assertEquals(Set.of("Check", "Version"), HealthGrpc.getServiceDescriptor().getMethods().stream()
                .map(MethodDescriptor::getBareMethodName).collect(Collectors.toSet()));
        assertEquals("grpc.Health", HealthGrpc.getServiceDescriptor().getName());
    }

    @Test
    void messagesRoundTripOnTheWireWithUpstreamFieldNumbers() throws Exception {
        ExecProcessRequest request = ExecProcessRequest.newBuilder().setContainerId("c1").setExecId("e1")
                .setProcess(Process.newBuilder().addArgs("uname").addArgs("-r").setUser(User.newBuilder().setUID(1000))
                        .setCwd("/").setTerminal(true))
                .setStdoutPort(7).build();
        assertEquals(request, ExecProcessRequest.parseFrom(request.toByteArray()));
        // container_id = 1, exec_id = 2, process = 4: tag bytes 0x0a, 0x12, 0x22.
        ByteString wire = request.toByteString();
        assertEquals(0x0a, wire.byteAt(0));
        assertEquals(0x12, wire.byteAt(4));
        assertEquals(0x22, wire.byteAt(8));
        assertEquals(3, LinuxSyscall.getDescriptor().findFieldByName("errnoret").getNumber());
        assertEquals("type", Interface.getDescriptor().findFieldByNumber(7).getName());
        assertEquals("hwAddr", Interface.getDescriptor().findFieldByNumber(5).getName());
    }
}
