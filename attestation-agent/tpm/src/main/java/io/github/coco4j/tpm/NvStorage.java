package io.github.coco4j.tpm;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.OptionalInt;
import tss.Tpm;
import tss.tpm.TPMA_NV;
import tss.tpm.TPMS_NV_PUBLIC;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;

/**
 * NV indices in the owner hierarchy, read and written with owner authorization in TPM-sized
 * chunks. Owner authorization is what Azure's vTPM grants on its HCL indices (the documented
 * {@code tpm2_nvread -C o 0x01400001}), and what indices defined here require.
 */
final class NvStorage {
    /** TPM2_PT_NV_BUFFER_MAX of common TPMs (1024 on swtpm); smaller chunks are always safe. */
    private static final int CHUNK = 512;

    private NvStorage() {
    }

    /** The data size of {@code index}, or empty when it is not defined. */
    static OptionalInt definedSize(Tpm tpm, int index) {
        TPMS_NV_PUBLIC area = tpm._allowErrors().NV_ReadPublic(TPM_HANDLE.from(index)).nvPublic;
        return tpm._lastCommandSucceeded() ? OptionalInt.of(area.dataSize) : OptionalInt.empty();
    }

    static byte[] read(Tpm tpm, int index) {
        int size = definedSize(tpm, index).orElseThrow(() -> new TpmAccessException(
                String.format("NV index 0x%08x is not defined", index)));
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (int offset = 0; offset < size; offset += CHUNK) {
            out.writeBytes(tpm.NV_Read(owner(), TPM_HANDLE.from(index), Math.min(CHUNK, size - offset), offset));
        }
        return out.toByteArray();
    }

    /**
     * Makes {@code index} hold exactly {@code data}: defined with that size when absent, undefined
     * and defined again when its size differs (as Azure's guest tooling does for the report data
     * index, so no stale tail survives), then written from offset 0.
     */
    static void write(Tpm tpm, int index, byte[] data) {
        OptionalInt size = definedSize(tpm, index);
        if (size.isPresent() && size.getAsInt() != data.length) {
            tpm.NV_UndefineSpace(owner(), TPM_HANDLE.from(index));
        }
        if (size.isEmpty() || size.getAsInt() != data.length) {
            define(tpm, index, data.length);
        }
        for (int offset = 0; offset < data.length; offset += CHUNK) {
            tpm.NV_Write(owner(), TPM_HANDLE.from(index),
                    Arrays.copyOfRange(data, offset, Math.min(data.length, offset + CHUNK)), offset);
        }
    }

    /** Defines an owner-readable, owner-writable index with a SHA-256 name, as upstream does. */
    static void define(Tpm tpm, int index, int size) {
        TPMA_NV attributes = new TPMA_NV(TPMA_NV.OWNERREAD, TPMA_NV.OWNERWRITE);
        tpm.NV_DefineSpace(owner(), new byte[0],
                new TPMS_NV_PUBLIC(TPM_HANDLE.from(index), TPM_ALG_ID.SHA256, attributes, new byte[0], size));
    }

    private static TPM_HANDLE owner() {
        return TPM_HANDLE.from(TPM_RH.OWNER);
    }
}
