package io.github.coco4j.devplatform;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What Azure's paravisor does for the vTPM, in front of swtpm: a TCP relay of the Microsoft
 * simulator protocol (swtpm's data port) that, when the guest writes report data to NV
 * 0x01400002, writes a fresh HCL report binding it to NV 0x01400001 before the guest hears back.
 * swtpm serves one connection at a time, so the refresh cannot come from a second client while the
 * attester holds its connection through its pause; the relay adds it to the attester's own
 * connection instead. Clients are served one after the other, as swtpm serves them.
 */
final class ParavisorStandIn implements AutoCloseable {
    static final int HCL_REPORT_INDEX = 0x01400001;
    static final int REPORT_DATA_INDEX = 0x01400002;
    private static final Logger LOG = Logger.getLogger(ParavisorStandIn.class.getName());
    private static final int SEND_COMMAND = 8;
    private static final int SESSION_END = 20;
    private static final int TPM2_CC_NV_WRITE = 0x137;
    private static final short TPM_ST_SESSIONS = (short) 0x8002;
    private static final int TPM_RH_OWNER = 0x40000001;
    private static final int TPM_RS_PW = 0x40000009;
    /** Below TPM2_PT_NV_BUFFER_MAX of swtpm (1024). */
    private static final int CHUNK = 512;

    private final InetSocketAddress tpm;
    private final Function<byte[], byte[]> hclReportFor;
    private final ServerSocket server;
    private final Thread acceptor;

    /** @param hclReportFor the HCL report (the NV index's whole content) for the report data the guest wrote */
    ParavisorStandIn(InetSocketAddress tpm, Function<byte[], byte[]> hclReportFor) throws IOException {
        this.tpm = tpm;
        this.hclReportFor = hclReportFor;
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "paravisor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The address the guest's TPM clients use, {@code tcp:127.0.0.1:PORT}. */
    String address() {
        return "tcp:127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept(); Socket upstream = new Socket(tpm.getAddress(), tpm.getPort())) {
                relay(new DataInputStream(client.getInputStream()), new DataOutputStream(client.getOutputStream()),
                        new DataInputStream(upstream.getInputStream()), new DataOutputStream(upstream.getOutputStream()));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.WARNING, "TPM client connection ended: " + e.getMessage());
                }
            }
        }
    }

    private void relay(DataInputStream client, DataOutputStream toClient, DataInputStream upstream,
                       DataOutputStream toUpstream) throws IOException {
        while (true) {
            int kind;
            try {
                kind = client.readInt();
            } catch (EOFException e) {
                return;
            }
            if (kind != SEND_COMMAND) {
                // SESSION_END, or a simulator signal the guest's TPM clients never send: pass it on and stop.
                toUpstream.writeInt(kind);
                toUpstream.flush();
                return;
            }
            byte locality = client.readByte();
            byte[] command = new byte[client.readInt()];
            client.readFully(command);
            Response response = send(toUpstream, upstream, locality, command);
            byte[] reportData = reportDataWritten(command);
            if (reportData != null && response.succeeded()) {
                writeHclReport(toUpstream, upstream, locality, hclReportFor.apply(reportData));
            }
            toClient.writeInt(response.body().length);
            toClient.write(response.body());
            toClient.writeInt(response.status());
            toClient.flush();
        }
    }

    private record Response(byte[] body, int status) {
        boolean succeeded() {
            return status == 0 && body.length >= 10 && ByteBuffer.wrap(body).getInt(6) == 0;
        }
    }

    private static Response send(DataOutputStream out, DataInputStream in, byte locality, byte[] command)
            throws IOException {
        out.writeInt(SEND_COMMAND);
        out.writeByte(locality);
        out.writeInt(command.length);
        out.write(command);
        out.flush();
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return new Response(body, in.readInt());
    }

    /**
     * The data of a TPM2_NV_Write of the report data index at offset 0, or null for any other
     * command. (The attester writes its report data, at most 64 bytes, in one command.)
     */
    private static byte[] reportDataWritten(byte[] command) {
        ByteBuffer in = ByteBuffer.wrap(command);
        if (command.length < 22 || in.getInt(6) != TPM2_CC_NV_WRITE || in.getInt(14) != REPORT_DATA_INDEX) {
            return null;
        }
        int data = 22 + in.getInt(18);
        int size = Short.toUnsignedInt(in.getShort(data));
        int offset = Short.toUnsignedInt(in.getShort(data + 2 + size));
        return offset == 0 ? Arrays.copyOfRange(command, data + 2, data + 2 + size) : null;
    }

    /** TPM2_NV_Write of the HCL report index with owner authorization (empty password), chunk by chunk. */
    private static void writeHclReport(DataOutputStream out, DataInputStream in, byte locality, byte[] report)
            throws IOException {
        for (int offset = 0; offset < report.length; offset += CHUNK) {
            byte[] chunk = Arrays.copyOfRange(report, offset, Math.min(report.length, offset + CHUNK));
            int size = 10 + 8 + 4 + 9 + 2 + chunk.length + 2;
            ByteBuffer command = ByteBuffer.allocate(size).putShort(TPM_ST_SESSIONS).putInt(size)
                    .putInt(TPM2_CC_NV_WRITE).putInt(TPM_RH_OWNER).putInt(HCL_REPORT_INDEX)
                    .putInt(9).putInt(TPM_RS_PW).putShort((short) 0).put((byte) 0).putShort((short) 0)
                    .putShort((short) chunk.length).put(chunk).putShort((short) offset);
            Response response = send(out, in, locality, command.array());
            if (!response.succeeded()) {
                throw new IOException(String.format("writing the HCL report to NV 0x%08x failed (TPM response %s)",
                        HCL_REPORT_INDEX, java.util.HexFormat.of().formatHex(response.body())));
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
