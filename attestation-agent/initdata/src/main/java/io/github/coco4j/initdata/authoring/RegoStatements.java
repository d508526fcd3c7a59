package io.github.coco4j.initdata.authoring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Rego source into its top-level statements without parsing it: a statement starts on a
 * line at bracket depth zero and runs until the depth is zero again at a line end, and an
 * {@code else} line continues the statement before it. Strings and comments are skipped when
 * counting brackets. Comment lines directly above a statement belong to it; the rest of the text
 * (blank lines, detached comments) stays as separate pieces so that joining all pieces gives the
 * source back unchanged.
 */
final class RegoStatements {
    private static final Pattern HEAD = Pattern.compile("^\\s*(?:default\\s+)?([A-Za-z_][A-Za-z0-9_]*)");

    /** A piece of the source; {@code name} is the rule (or keyword) a statement starts with, else null. */
    record Piece(String text, String name) {
    }

    private RegoStatements() {
    }

    static List<Piece> split(String source) {
        List<String> lines = lines(source);
        List<Piece> pieces = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                comments.add(line);
                i++;
                continue;
            }
            if (trimmed.isEmpty()) {
                flush(comments, pieces);
                pieces.add(new Piece(line, null));
                i++;
                continue;
            }
            StringBuilder statement = new StringBuilder(String.join("", comments));
            comments.clear();
            int depth = 0;
            do {
                depth = depthAfter(lines.get(i), depth);
                statement.append(lines.get(i));
                i++;
            } while (i < lines.size() && (depth > 0 || lines.get(i).strip().startsWith("else")));
            pieces.add(new Piece(statement.toString(), name(line)));
        }
        flush(comments, pieces);
        return pieces;
    }

    private static void flush(List<String> comments, List<Piece> pieces) {
        for (String comment : comments) {
            pieces.add(new Piece(comment, null));
        }
        comments.clear();
    }

    private static String name(String firstLine) {
        Matcher m = HEAD.matcher(firstLine);
        return m.find() ? m.group(1) : null;
    }

    /** Lines with their terminators, so that joining them restores the text. */
    private static List<String> lines(String source) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                lines.add(source.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < source.length()) {
            lines.add(source.substring(start));
        }
        return lines;
    }

    /** Bracket depth at the end of {@code line}, skipping strings and comments. */
    private static int depthAfter(String line, int depth) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '#') {
                break;
            } else if (c == '"') {
                i = skipQuoted(line, i);
            } else if (c == '`') {
                int end = line.indexOf('`', i + 1);
                i = end < 0 ? line.length() : end;
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth = Math.max(0, depth - 1);
            }
            i++;
        }
        return depth;
    }

    private static int skipQuoted(String line, int open) {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return line.length();
    }
}
