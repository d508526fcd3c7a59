package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.assertFails;
import static io.github.coco4j.rego.builtins.BuiltinCalls.call;
import static io.github.coco4j.rego.builtins.BuiltinCalls.context;
import static io.github.coco4j.rego.builtins.BuiltinCalls.s;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import org.junit.jupiter.api.Test;

class UuidBuiltinsTest {
    @Test
    void rfc4122IsStablePerKeyWithinAnEvaluation() {
        BuiltinContext evaluation = context(true);
        Value a = call(evaluation, "uuid.rfc4122", s("a"));
        assertEquals(a, call(evaluation, "uuid.rfc4122", s("a")));
        assertNotEquals(a, call(evaluation, "uuid.rfc4122", s("b")));
        assertNotEquals(a, call(context(true), "uuid.rfc4122", s("a")));
        String text = ((StringValue) a).value();
        assertTrue(text.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), text);
        assertEquals(v("{'variant': 'RFC4122', 'version': 4}"), strict("uuid.parse", a));
        assertFails("`uuid.rfc4122` expects string argument. Got `42` instead", "uuid.rfc4122", v("42"));
    }

    @Test
    void parsesVersion1Fields() {
        assertEquals(v("{'clocksequence': 555, 'macvariables': 'local:unicast', 'nodeid': '7a-b0-b9-e5-e0-c0',"
                + " 'time': 1703282931110717000, 'variant': 'RFC4122', 'version': 1}"),
                strict("uuid.parse", s("b01d0062-a116-11ee-822b-7ab0b9e5e0c0")));
    }

    @Test
    void parsesVersion2Fields() {
        assertEquals(v("{'clocksequence': 11776, 'domain': 'Person', 'id': 1000, 'macvariables': 'local:unicast',"
                + " 'nodeid': '32-50-96-b3-9f-47', 'time': 1703290796079613600, 'variant': 'RFC4122', 'version': 2}"),
                strict("uuid.parse", s("000003e8-a129-21ee-ae00-325096b39f47")));
    }

    @Test
    void timeOfVersions6And7() {
        assertEquals(v("{'time': 1645557742000000000, 'variant': 'RFC4122', 'version': 6}"),
                strict("uuid.parse", s("1EC9414C-232A-6B00-B3C8-9E6BDECED846")));
        assertEquals(v("{'time': 1645557742000000000, 'variant': 'RFC4122', 'version': 7}"),
                strict("uuid.parse", s("017F22E2-79B0-7CC3-98C4-DC0C0C07398F")));
    }

    @Test
    void acceptsTheOtherFormsAndNothingElse() {
        Value v4 = v("{'variant': 'RFC4122', 'version': 4}");
        assertEquals(v4, strict("uuid.parse", s("a6342df87801469cb3f3c5317a0ebdaa")));
        assertEquals(v4, strict("uuid.parse", s("{a6342df8-7801-469c-b3f3-c5317a0ebdaa}")));
        assertEquals(v4, strict("uuid.parse", s("urn:uuid:a6342df8-7801-469c-b3f3-c5317a0ebdaa")));
        assertEquals(v("{'variant': 'Microsoft', 'version': 4}"), strict("uuid.parse", s("a6342df8-7801-469c-c3f3-c5317a0ebdaa")));
        assertNull(strict("uuid.parse", s("not-valid")));
        assertNull(strict("uuid.parse", s("a6342df8-7801-469c-b3f3-c5317a0ebdag")));
        assertNull(strict("uuid.parse", s("a6342df8+7801-469c-b3f3-c5317a0ebdaa")));
        assertFails("`uuid.parse` expects string argument. Got `42` instead", "uuid.parse", v("42"));
    }
}
