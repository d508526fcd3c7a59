package io.github.coco4j.tpm;

import io.github.coco4j.errors.Failures;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A TPM behind the Microsoft simulator's TCP command protocol, as swtpm serves it on its data
 * port. Each command goes out in one write (frame header and command together), which swtpm
 * handles more reliably than the field-by-field writes of TSS.Java's own TCP device. The control
 * port is never touched: swtpm speaks another protocol there, and a running vTPM must not be
 * power-cycled.
 */
final class SimulatorSocketDevice extends OneResponseDevice {
    private static final int SEND_COMMAND = 8;
    private static final int SESSION_END = 20;
    private static final int MAX_RESPONSE = 64 * 1024;

    private final String host;
    private final int port;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    SimulatorSocketDevice(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public boolean connect() {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            return true;
        } catch (IOException e) {
            close();
            throw new TpmAccessException("cannot connect to the TPM at tcp:" + host + ":" + port + ": " + Failures.describe(e), e);
        }
    }

    @Override
    public void dispatchCommand(byte[] command) {
        ByteBuffer frame = ByteBuffer.allocate(9 + command.length)
                .putInt(SEND_COMMAND).put((byte) 0).putInt(command.length).put(command);
        try {
            out.write(frame.array());
            out.flush();
            int length = in.readInt();
            if (length < 10 || length > MAX_RESPONSE) {
                throw new TpmAccessException("the TPM at tcp:" + host + ":" + port + " sent a " + length + "-byte response");
            }
            byte[] body = new byte[length];
            in.readFully(body);
            int status = in.readInt();
            if (status != 0) {
                throw new TpmAccessException("the TPM at tcp:" + host + ":" + port + " reported transport status " + status);
            }
            received(body);
        } catch (IOException e) {
            throw new TpmAccessException("lost the TPM at tcp:" + host + ":" + port + ": " + Failures.describe(e), e);
        }
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            if (out != null) {
                out.write(ByteBuffer.allocate(4).putInt(SESSION_END).array());
            }
        } catch (IOException e) {
            // the peer is gone already; nothing to end
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing a dead socket has nothing left to release
        }
        socket = null;
    }
}
