package io.github.coco4j.tpm;

import io.github.coco4j.errors.Failures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A kernel TPM character device ({@code /dev/tpmrm0} or {@code /dev/tpm0}): one write per command,
 * then one read returns the whole response.
 */
final class CharacterDevice extends OneResponseDevice {
    private static final int MAX_RESPONSE = 8192;

    private final Path path;
    private RandomAccessFile file;

    CharacterDevice(Path path) {
        this.path = path;
    }

    @Override
    public boolean connect() {
        try {
            file = new RandomAccessFile(path.toFile(), "rw");
            return true;
        } catch (IOException e) {
            throw new TpmAccessException("cannot open the TPM device " + path + ": " + Failures.describe(e), e);
        }
    }

    @Override
    public void dispatchCommand(byte[] command) {
        try {
            file.write(command);
            byte[] buffer = new byte[MAX_RESPONSE];
            int read = file.read(buffer);
            if (read < 10) {
                throw new TpmAccessException("the TPM device " + path + " returned a truncated response");
            }
            int declared = ByteBuffer.wrap(buffer, 2, 4).getInt();
            if (declared != read) {
                throw new TpmAccessException("the TPM device " + path + " returned " + read + " of " + declared + " bytes");
            }
            received(Arrays.copyOf(buffer, read));
        } catch (IOException e) {
            throw new TpmAccessException("TPM device " + path + ": " + Failures.describe(e), e);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // nothing left to release
            }
            file = null;
        }
    }
}
