package io.github.coco4j.agent.testing;

import java.io.IOException;
import org.junit.jupiter.api.Assumptions;

/** Tests that run real containers: they need root and runc, and are skipped, saying why, without. */
public final class Runc {
    private Runc() {
    }

    public static void assumeAvailable() throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runc containers need root");
        Assumptions.assumeTrue(new ProcessBuilder("runc", "--version").start().waitFor() == 0, "runc is not installed");
    }
}
