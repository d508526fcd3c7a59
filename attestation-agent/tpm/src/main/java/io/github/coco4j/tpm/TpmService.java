package io.github.coco4j.tpm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import tss.Tpm;
import tss.TpmDevice;
import tss.TpmException;
import tss.tpm.PCR_ReadResponse;
import tss.tpm.QuoteResponse;
import tss.tpm.TPMS_SIG_SCHEME_RSASSA;
import tss.tpm.TPMT_SIGNATURE;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMT_HA;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;

/**
 * The TPM operations the guest components need, over TSS.Java. PCR access is on the sha256 bank,
 * the one the initdata binding and the attestation evidence use. One instance talks to one TPM
 * connection and is used by one thread at a time.
 */
public final class TpmService implements AutoCloseable {
    public static final int PCR_COUNT = 24;
    public static final int SHA256_SIZE = 32;
    /** PCRs 0–23, the selection upstream's TPM-based attesters quote. */
    public static final List<Integer> ALL_PCRS = IntStream.range(0, PCR_COUNT).boxed().toList();
    /** TPM2_PCR_Read returns at most this many digests per call. */
    private static final int PCRS_PER_READ = 8;

    private final Tpm tpm;
    private final String description;

    private TpmService(Tpm tpm, String description) {
        this.tpm = tpm;
        this.description = description;
    }

    /** Connects to the TPM at {@code address}; {@code none} is not a TPM and is refused. */
    public static TpmService open(TpmAddress address) {
        TpmDevice device;
        String description;
        if (address instanceof TpmAddress.Tcp tcp) {
            device = new SimulatorSocketDevice(tcp.host(), tcp.port());
            description = tcp.toString();
        } else if (address instanceof TpmAddress.Device d) {
            device = new CharacterDevice(d.path());
            description = d.path().toString();
        } else if (address instanceof TpmAddress.Auto) {
            Path path = TpmAddress.kernelDevice().orElseThrow(() -> new TpmAccessException(
                    "no TPM found (looked for " + TpmAddress.KERNEL_DEVICES + ")"));
            device = new CharacterDevice(path);
            description = path.toString();
        } else {
            throw new IllegalArgumentException("TPM address 'none' names no TPM");
        }
        device.connect();
        Tpm tpm = new Tpm();
        tpm._setDevice(device);
        return new TpmService(tpm, description);
    }

    /** Where this TPM is, for messages. */
    public String description() {
        return description;
    }

    /** The sha256-bank value of one PCR. */
    public byte[] readPcr(int index) {
        return readPcrs(List.of(index)).get(0);
    }

    /** The sha256-bank values of PCRs 0–23, in order. */
    public List<byte[]> readAllPcrs() {
        return readPcrs(ALL_PCRS);
    }

    /** The sha256-bank values of {@code indices}, in the order given. */
    public List<byte[]> readPcrs(List<Integer> indices) {
        List<byte[]> values = new ArrayList<>();
        for (int start = 0; start < indices.size(); start += PCRS_PER_READ) {
            List<Integer> chunk = indices.subList(start, Math.min(indices.size(), start + PCRS_PER_READ));
            PCR_ReadResponse response = call("PCR_Read", () -> tpm.PCR_Read(new TPMS_PCR_SELECTION[] {selection(chunk)}));
            if (response.pcrValues.length != chunk.size()) {
                throw new TpmAccessException("the TPM at " + description + " returned " + response.pcrValues.length
                        + " of " + chunk.size() + " sha256 PCR values (is the sha256 bank allocated?)");
            }
            // The TPM answers in ascending PCR order whatever order was asked.
            List<Integer> ascending = chunk.stream().sorted().toList();
            for (int index : chunk) {
                values.add(response.pcrValues[ascending.indexOf(index)].buffer);
            }
        }
        return values;
    }

    /** Extends a sha256-bank PCR with a 32-byte digest. */
    public void extendPcr(int index, byte[] digest) {
        if (digest.length != SHA256_SIZE) {
            throw new IllegalArgumentException("a sha256 extend takes 32 bytes, not " + digest.length);
        }
        call("PCR_Extend", () -> {
            tpm.PCR_Extend(TPM_HANDLE.pcr(index), new TPMT_HA[] {new TPMT_HA(TPM_ALG_ID.SHA256, digest)});
            return null;
        });
    }

    /**
     * The DER SubjectPublicKeyInfo of the attestation key at persistent {@code handle} (e.g.
     * 0x81010002), created and persisted first when the handle is empty.
     */
    public byte[] attestationKey(int handle) {
        return AttestationKey.subjectPublicKeyInfo(call("ReadPublic/CreatePrimary", () -> AttestationKey.ensure(tpm, handle)));
    }

    /**
     * Quotes the sha256 bank of {@code pcrs} with the attestation key at {@code akHandle}
     * (created when absent), {@code qualifyingData} as the nonce, and reads the PCR values.
     */
    public Quote quote(int akHandle, byte[] qualifyingData, List<Integer> pcrs) {
        return quote(akHandle, attestationKey(akHandle), qualifyingData, pcrs);
    }

    /**
     * Like {@link #quote}, but with a key someone else persisted at {@code akHandle}, such as the
     * AK Azure's paravisor provisions: a missing key is an error, since a key made here would not
     * be the one the platform vouches for.
     */
    public Quote quoteWithProvisionedKey(int akHandle, byte[] qualifyingData, List<Integer> pcrs) {
        byte[] akPublic = AttestationKey.subjectPublicKeyInfo(call("ReadPublic", () -> AttestationKey.read(tpm, akHandle)));
        return quote(akHandle, akPublic, qualifyingData, pcrs);
    }

    private Quote quote(int akHandle, byte[] akPublic, byte[] qualifyingData, List<Integer> pcrs) {
        QuoteResponse response = call("Quote", () -> tpm.Quote(TPM_HANDLE.from(akHandle), qualifyingData,
                new TPMS_SIG_SCHEME_RSASSA(TPM_ALG_ID.SHA256), new TPMS_PCR_SELECTION[] {selection(pcrs)}));
        return new Quote(response.quoted.toTpm(), new TPMT_SIGNATURE(response.signature).toTpm(), readPcrs(pcrs), akPublic);
    }

    /** The data size of an NV index, or empty when it is not defined. */
    public OptionalInt nvSize(int index) {
        return call("NV_ReadPublic", () -> NvStorage.definedSize(tpm, index));
    }

    /** The whole content of an NV index, read with owner authorization. */
    public byte[] readNv(int index) {
        return call("NV_Read", () -> NvStorage.read(tpm, index));
    }

    /**
     * Makes an NV index hold exactly {@code data}: defined (owner read/write) with the data's size
     * when absent or of another size, then written from offset 0 with owner authorization.
     */
    public void writeNv(int index, byte[] data) {
        call("NV_Write", () -> {
            NvStorage.write(tpm, index, data);
            return null;
        });
    }

    static TPMS_PCR_SELECTION selection(List<Integer> indices) {
        byte[] bitmap = new byte[3];
        for (int index : indices) {
            if (index < 0 || index >= PCR_COUNT) {
                throw new IllegalArgumentException("PCR index " + index + " is out of range 0-23");
            }
            bitmap[index / 8] |= (byte) (1 << (index % 8));
        }
        return new TPMS_PCR_SELECTION(TPM_ALG_ID.SHA256, bitmap);
    }

    <T> T call(String command, TpmCall<T> call) {
        try {
            return call.run();
        } catch (TpmException e) {
            throw new TpmAccessException("TPM2_" + command + " failed on " + description + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface TpmCall<T> {
        T run();
    }

    @Override
    public void close() {
        try {
            tpm.close();
        } catch (java.io.IOException e) {
            // the connection is closed either way
        }
    }
}
