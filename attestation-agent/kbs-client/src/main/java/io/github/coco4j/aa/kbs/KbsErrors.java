package io.github.coco4j.aa.kbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.json.JsonTrees;
import java.io.IOException;
import java.util.Optional;

/** Reading what a KBS sends besides its payloads: Trustee's error documents and cookies. */
final class KbsErrors {
    private static final int MAX_SHOWN = 300;

    private KbsErrors() {
    }

    /** {@code <error type> – <detail>} from Trustee's {@code {"type","detail"}}, else the start of the body. */
    static String describe(String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        try {
            JsonNode error = JsonTrees.read(text);
            if (error.hasNonNull("type") && error.hasNonNull("detail")) {
                String type = error.get("type").asText();
                return type.substring(type.lastIndexOf('/') + 1) + " - " + error.get("detail").asText();
            }
        } catch (IOException e) {
            // not JSON: show it as text
        }
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    }

    /** The value of cookie {@code name} in one Set-Cookie header. */
    static Optional<String> cookieValue(String setCookie, String name) {
        String first = setCookie.split(";", 2)[0].strip();
        int equals = first.indexOf('=');
        if (equals > 0 && first.substring(0, equals).strip().equals(name)) {
            return Optional.of(first.substring(equals + 1).strip());
        }
        return Optional.empty();
    }
}
