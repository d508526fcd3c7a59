package io.github.coco4j.initdata.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegoStatementsTest {
    @Test
    void splitsTopLevelStatementsAndJoinsBackUnchanged() {
        String source = """
                package p
                # about a
                a := {"x": "}", "y": [1,
                2]}

                b if {
                  input.s == "{"  # a brace in a comment {
                }
                else := 3
                `raw { string` == c
                """;
        List<RegoStatements.Piece> pieces = RegoStatements.split(source);
        assertEquals(source, pieces.stream().map(RegoStatements.Piece::text).collect(Collectors.joining()));
        List<String> names = pieces.stream().map(RegoStatements.Piece::name).filter(n -> n != null).toList();
        assertEquals(List.of("package", "a", "b"), names.subList(0, 3));
        RegoStatements.Piece a = pieces.stream().filter(p -> "a".equals(p.name())).findFirst().orElseThrow();
        assertEquals("# about a\na := {\"x\": \"}\", \"y\": [1,\n2]}\n", a.text());
        RegoStatements.Piece b = pieces.stream().filter(p -> "b".equals(p.name())).findFirst().orElseThrow();
        assertEquals(true, b.text().endsWith("else := 3\n"));
    }
}
