package io.github.coco4j.tpm;

import tss.TpmDevice;

/**
 * A TPM transport that holds the one response to the command it last sent: TSS.Java asks
 * whether it is ready, then takes it once.
 */
abstract class OneResponseDevice extends TpmDevice {
    private byte[] response;

    /** Keeps the response of the command just sent, for {@link #getResponse()}. */
    protected final void received(byte[] response) {
        this.response = response;
    }

    @Override
    public final byte[] getResponse() {
        byte[] result = response;
        response = null;
        if (result == null) {
            throw new TpmAccessException("no TPM response is pending");
        }
        return result;
    }

    @Override
    public final boolean responseReady() {
        return response != null;
    }
}
