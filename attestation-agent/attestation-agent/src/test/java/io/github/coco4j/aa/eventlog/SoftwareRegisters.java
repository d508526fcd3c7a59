package io.github.coco4j.aa.eventlog;

import io.github.coco4j.aa.attester.MeasurementRegisters;
import io.github.coco4j.digest.HashAlgorithm;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Registers with TPM extend semantics in memory; a crash point can be set to fail before or after an extend. */
final class SoftwareRegisters implements MeasurementRegisters {
    enum Crash { NONE, BEFORE_EXTEND, AFTER_EXTEND }

    private final HashAlgorithm algorithm;
    private final Map<Integer, byte[]> values = new HashMap<>();
    Crash crash = Crash.NONE;

    SoftwareRegisters(HashAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int registerIndex(int pcr) {
        return pcr;
    }

    @Override
    public byte[] read(int pcr) {
        return values.getOrDefault(pcr, new byte[algorithm.length()]).clone();
    }

    @Override
    public void extend(int pcr, byte[] digest) throws IOException {
        if (crash == Crash.BEFORE_EXTEND) {
            throw new IOException("simulated crash before extend");
        }
        byte[] input = Arrays.copyOf(read(pcr), algorithm.length() * 2);
        System.arraycopy(digest, 0, input, algorithm.length(), digest.length);
        values.put(pcr, algorithm.digest(input));
        if (crash == Crash.AFTER_EXTEND) {
            throw new IOException("simulated crash after extend");
        }
    }

    void set(int pcr, byte[] value) {
        values.put(pcr, value.clone());
    }
}
