package io.github.coco4j.aa.attester.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SampleAttesterTest {
    @Test
    void evidenceIsUpstreamSampleQuote() {
        assertEquals("{\"svn\":\"1\",\"report_data\":\"AQID\"}",
                new SampleAttester().evidence(new byte[] {1, 2, 3}).toString());
    }

    @Test
    void sampleBindsNothing() {
        assertFalse(new SampleAttester().verifyInitDataBinding(new byte[32]));
    }
}
