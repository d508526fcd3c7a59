package io.github.coco4j.aa.kbs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.coco4j.json.JsonTrees;

/** A KBS token and the TEE key pair it certifies: what {@code GetToken("kbs")} hands out. */
public record KbsCredentials(KbsToken token, TeeKeyPair keyPair) {
    /** Upstream's answer: {@code {"token":"<JWT>","tee_keypair":"<PEM private key>"}}. It holds a secret. */
    public byte[] toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("token", token.jwt());
        json.put("tee_keypair", keyPair.privateKeyPem());
        return JsonTrees.writeBytes(json);
    }
}
