package io.github.coco4j.tpm;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import tss.Tpm;
import tss.tpm.TPMA_NV;
import tss.tpm.TPMS_NV_PUBLIC;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;

/** NV indices with owner-defined, auth-read/write access, read and written in TPM-sized chunks. */
final class NvStorage {
    /** TPM2_PT_NV_BUFFER_MAX of common TPMs (1024 on swtpm); smaller chunks are always safe. */
    private static final int CHUNK = 512;

    private NvStorage() {
    }

    static int size(Tpm tpm, int index) {
        TPMS_NV_PUBLIC area = tpm._allowErrors().NV_ReadPublic(TPM_HANDLE.from(index)).nvPublic;
        if (!tpm._lastCommandSucceeded()) {
            throw new TpmAccessException(String.format("NV index 0x%08x is not defined", index));
        }
        return area.dataSize;
    }

    static byte[] read(Tpm tpm, int index) {
        int size = size(tpm, index);
        TPM_HANDLE handle = TPM_HANDLE.from(index);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (int offset = 0; offset < size; offset += CHUNK) {
            out.writeBytes(tpm.NV_Read(handle, handle, Math.min(CHUNK, size - offset), offset));
        }
        return out.toByteArray();
    }

    /** Writes {@code data} at offset 0, defining the index with exactly that size when absent. */
    static void write(Tpm tpm, int index, byte[] data) {
        TPM_HANDLE handle = TPM_HANDLE.from(index);
        tpm._allowErrors().NV_ReadPublic(handle);
        if (!tpm._lastCommandSucceeded()) {
            TPMA_NV attributes = new TPMA_NV(TPMA_NV.AUTHREAD, TPMA_NV.AUTHWRITE, TPMA_NV.OWNERREAD, TPMA_NV.OWNERWRITE, TPMA_NV.NO_DA);
            tpm.NV_DefineSpace(TPM_HANDLE.from(TPM_RH.OWNER), new byte[0],
                    new TPMS_NV_PUBLIC(handle, TPM_ALG_ID.SHA256, attributes, new byte[0], data.length));
        }
        for (int offset = 0; offset < data.length; offset += CHUNK) {
            tpm.NV_Write(handle, handle, Arrays.copyOfRange(data, offset, Math.min(data.length, offset + CHUNK)), offset);
        }
    }
}
