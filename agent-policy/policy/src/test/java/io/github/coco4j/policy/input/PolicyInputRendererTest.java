package io.github.coco4j.policy.input;

import static io.github.coco4j.testing.JsonAssertions.assertSameJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.github.coco4j.proto.kata.CopyFileRequest;
import io.github.coco4j.proto.kata.CreateContainerRequest;
import io.github.coco4j.proto.kata.ExecProcessRequest;
import io.github.coco4j.proto.kata.LinuxSeccomp;
import io.github.coco4j.proto.kata.LinuxSyscall;
import io.github.coco4j.proto.kata.MemAgentMemcgConfig;
import io.github.coco4j.proto.kata.Process;
import io.github.coco4j.proto.kata.ReseedRandomDevRequest;
import io.github.coco4j.proto.kata.Spec;
import io.github.coco4j.proto.kata.UpdateInterfaceRequest;
import io.github.coco4j.proto.kata.WriteStreamRequest;
import io.github.coco4j.proto.types.IPFamily;
import io.github.coco4j.proto.types.Interface;
import io.github.coco4j.proto.types.IPAddress;
import org.junit.jupiter.api.Test;

class PolicyInputRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void unsetMessagesAreNullAndEveryOtherFieldHasItsDefault() throws Exception {
        JsonNode input = PolicyInputRenderer.render(ExecProcessRequest.newBuilder().setContainerId("c").build());
        assertSameJson(json("""
                {"container_id":"c","exec_id":"","string_user":null,"process":null,
                 "stdin_port":0,"stdout_port":0,"stderr_port":0}"""), input);
        JsonNode process = PolicyInputRenderer.render(ExecProcessRequest.newBuilder()
                .setProcess(Process.newBuilder().addArgs("ls")).build()).get("process");
        assertEquals(json("[\"ls\"]"), process.get("Args"));
        assertTrue(process.get("Env").isArray() && process.get("Env").isEmpty());
        assertTrue(process.get("User").isNull());
        assertEquals(false, process.get("Terminal").asBoolean(true));
    }

    @Test
    void typeBecomesTypeUnderscoreAndEnumsAreIntegers() {
        JsonNode input = PolicyInputRenderer.render(UpdateInterfaceRequest.newBuilder().setInterface(Interface.newBuilder()
                .setType("veth").setHwAddr("02:00").addIPAddresses(IPAddress.newBuilder().setFamily(IPFamily.v6))).build());
        JsonNode iface = input.get("interface");
        assertEquals("veth", iface.get("type_").asText());
        assertTrue(!iface.has("type"));
        assertEquals("02:00", iface.get("hwAddr").asText());
        assertEquals(1, iface.get("IPAddresses").get(0).get("family").asInt());
        assertTrue(iface.get("IPAddresses").get(0).get("family").isIntegralNumber());
    }

    @Test
    void bytesAreIntegerArraysAndLargeUnsignedNumbersStayExact() throws Exception {
        assertSameJson(json("[0,127,128,255]"),
                PolicyInputRenderer.render(ReseedRandomDevRequest.newBuilder()
                        .setData(ByteString.copyFrom(new byte[] {0, 127, (byte) 128, (byte) 255})).build()).get("data"));
        JsonNode write = PolicyInputRenderer.render(WriteStreamRequest.newBuilder().setData(ByteString.copyFromUtf8("hi")).build());
        assertSameJson(json("[104,105]"), write.get("data"));
        JsonNode memory = PolicyInputRenderer.render(io.github.coco4j.proto.kata.LinuxMemory.newBuilder().setLimit(Long.MAX_VALUE).build());
        assertEquals(Long.MAX_VALUE, memory.get("Limit").asLong());
    }

    @Test
    void theErrnoRetOneofRendersAsItsVariantOrNull() throws Exception {
        LinuxSyscall with = LinuxSyscall.newBuilder().addNames("mkdir").setAction("SCMP_ACT_ERRNO").setErrnoret(1).build();
        JsonNode rendered = PolicyInputRenderer.render(with);
        assertSameJson(json("{\"Errnoret\":1}"), rendered.get("ErrnoRet"));
        assertTrue(!rendered.has("errnoret"));
        assertTrue(PolicyInputRenderer.render(LinuxSyscall.getDefaultInstance()).get("ErrnoRet").isNull());
        CreateContainerRequest request = CreateContainerRequest.newBuilder().setOCI(Spec.newBuilder()
                .setLinux(io.github.coco4j.proto.kata.Linux.newBuilder().setSeccomp(LinuxSeccomp.newBuilder().addSyscalls(with)))).build();
        assertEquals(request, PolicyInputParser.parse(PolicyInputRenderer.render(request), CreateContainerRequest.getDefaultInstance()));
    }

    @Test
    void proto3OptionalsAreNullWhenUnset() {
        JsonNode rendered = PolicyInputRenderer.render(MemAgentMemcgConfig.newBuilder().setSwap(true).build());
        assertTrue(rendered.get("disabled").isNull());
        assertEquals(true, rendered.get("swap").asBoolean());
        assertTrue(rendered.get("period_secs").isNull());
    }

    @Test
    void copyFileTakesItsPreprocessedFormWithoutTheData() throws Exception {
        CopyFileRequest regular = CopyFileRequest.newBuilder().setPath("/run/a").setFileMode(0100644).setFileSize(3)
                .setData(ByteString.copyFromUtf8("abc")).build();
        assertSameJson(json("""
                {"path":"/run/a","file_type":"Regular","symlink_target":null,"file_size":3,"file_mode":33188,
                 "dir_mode":0,"uid":0,"gid":0,"offset":0}"""), PolicyInputRenderer.render(regular));
        CopyFileRequest link = CopyFileRequest.newBuilder().setPath("/run/l").setFileMode(0120777)
                .setData(ByteString.copyFromUtf8("..data/foo")).build();
        JsonNode rendered = PolicyInputRenderer.render(link);
        assertEquals("Symlink", rendered.get("file_type").asText());
        assertEquals("..data/foo", rendered.get("symlink_target").asText());
        assertEquals("Directory", PolicyInputRenderer.render(CopyFileRequest.newBuilder().setFileMode(040755).build())
                .get("file_type").asText());
        assertEquals("Unknown", PolicyInputRenderer.render(CopyFileRequest.newBuilder().setFileMode(020644).build())
                .get("file_type").asText());
        CopyFileRequest badLink = link.toBuilder().setData(ByteString.copyFrom(new byte[] {(byte) 0xff})).build();
        assertThrows(IllegalArgumentException.class, () -> PolicyInputRenderer.render(badLink));
    }

    @Test
    void theParserNamesUnknownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyInputParser.parse(
                JSON.readTree("{\"container_id\":\"c\",\"proces\":{}}"), ExecProcessRequest.getDefaultInstance()));
        assertEquals("ExecProcessRequest: unknown field 'proces'", e.getMessage());
    }
}
