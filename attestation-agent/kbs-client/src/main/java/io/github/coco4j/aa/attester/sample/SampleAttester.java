package io.github.coco4j.aa.attester.sample;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.aa.attester.Attester;
import io.github.coco4j.aa.attester.TeeType;
import java.util.Base64;

/**
 * Evidence without hardware: {@code {"svn":"1","report_data":"<base64>"}}. Only a KBS configured
 * to accept sample evidence trusts it; it exists for development on machines without a TEE.
 */
public final class SampleAttester implements Attester {
    @Override
    public TeeType tee() {
        return TeeType.SAMPLE;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("svn", "1");
        evidence.put("report_data", Base64.getEncoder().encodeToString(reportData));
        return evidence;
    }

    @Override
    public boolean verifyInitDataBinding(byte[] initDataDigest) {
        return false;
    }
}
