package io.github.coco4j.tpm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the TPM is: {@code auto} (the kernel's {@code /dev/tpmrm0}, else {@code /dev/tpm0}),
 * {@code device:PATH}, {@code tcp:HOST:PORT} (swtpm's data port), or {@code none}.
 */
public sealed interface TpmAddress {
    List<Path> KERNEL_DEVICES = List.of(Path.of("/dev/tpmrm0"), Path.of("/dev/tpm0"));

    record Auto() implements TpmAddress {
        @Override
        public String toString() {
            return "auto";
        }
    }

    record Device(Path path) implements TpmAddress {
        @Override
        public String toString() {
            return "device:" + path;
        }
    }

    record Tcp(String host, int port) implements TpmAddress {
        @Override
        public String toString() {
            return "tcp:" + host + ":" + port;
        }
    }

    record None() implements TpmAddress {
        @Override
        public String toString() {
            return "none";
        }
    }

    static TpmAddress parse(String text) {
        if (text.equals("auto")) {
            return new Auto();
        }
        if (text.equals("none")) {
            return new None();
        }
        if (text.startsWith("device:") && text.length() > "device:".length()) {
            return new Device(Path.of(text.substring("device:".length())));
        }
        if (text.startsWith("tcp:")) {
            String rest = text.substring("tcp:".length());
            int colon = rest.lastIndexOf(':');
            if (colon > 0) {
                try {
                    int port = Integer.parseInt(rest.substring(colon + 1));
                    if (port > 0 && port < 65535) {
                        return new Tcp(rest.substring(0, colon), port);
                    }
                } catch (NumberFormatException e) {
                    // reported below with the whole address
                }
            }
        }
        if (text.startsWith("/")) {
            return new Device(Path.of(text));
        }
        throw new IllegalArgumentException("bad TPM address '" + text + "' (auto, none, device:PATH or tcp:HOST:PORT)");
    }

    /** The kernel device {@code auto} stands for on this machine. */
    static Optional<Path> kernelDevice() {
        return KERNEL_DEVICES.stream().filter(Files::exists).findFirst();
    }
}
