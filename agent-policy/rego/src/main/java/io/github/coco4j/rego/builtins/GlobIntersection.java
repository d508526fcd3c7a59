package io.github.coco4j.rego.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code regex.globs_match(a, b)}: whether some non-empty string matches both patterns. The
 * patterns are the small regex subset OPA's glob-intersection library reads, anchored at both
 * ends: a character, {@code .} (any character) or a set {@code [...]} (characters and ranges
 * {@code a-z}), each optionally followed by {@code *} or {@code +}; a backslash makes the next
 * character literal; nothing else is special. Its syntax errors are reported in its words. The
 * answer comes from the product of the two patterns' automata, so it is exact where the library's
 * greedy walk is not.
 */
final class GlobIntersection {
    /**
     * One position of a pattern: the characters it takes (ranges of code points, so that a wide
     * range costs no more than a narrow one), and whether it may repeat or be absent.
     */
    private record Token(List<int[]> ranges, boolean any, boolean star) {
        boolean overlaps(Token o) {
            if (any && o.any) {
                return true;
            }
            if (any || o.any) {
                return !(any ? o : this).ranges.isEmpty();
            }
            for (int[] r : ranges) {
                for (int[] q : o.ranges) {
                    if (r[0] <= q[1] && q[0] <= r[1]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private GlobIntersection() {
    }

    static boolean nonEmpty(String a, String b) {
        List<Token> g1 = parse(a);
        List<Token> g2 = parse(b);
        Set<Long> seen = new HashSet<>();
        Deque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[] {0, 0});
        while (!queue.isEmpty()) {
            int[] at = queue.poll();
            for (int i : closure(g1, at[0])) {
                for (int j : closure(g2, at[1])) {
                    if (i < g1.size() && j < g2.size() && g1.get(i).overlaps(g2.get(j))) {
                        int ni = g1.get(i).star() ? i : i + 1;
                        int nj = g2.get(j).star() ? j : j + 1;
                        if (accepts(g1, ni) && accepts(g2, nj)) {
                            return true;
                        }
                        if (seen.add(((long) ni << 32) | nj)) {
                            queue.add(new int[] {ni, nj});
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The positions reachable without taking a character: past every optional token. */
    private static List<Integer> closure(List<Token> glob, int from) {
        List<Integer> states = new ArrayList<>(List.of(from));
        for (int i = from; i < glob.size() && glob.get(i).star(); i++) {
            states.add(i + 1);
        }
        return states;
    }

    private static boolean accepts(List<Token> glob, int state) {
        return closure(glob, state).contains(glob.size());
    }

    /** The tokens of a pattern, {@code x+} written as {@code x x*}. */
    private static List<Token> parse(String input) {
        int[] runes = input.codePoints().toArray();
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < runes.length) {
            Token token;
            boolean escaped = runes[i] == '\\';
            int start = escaped ? escapedRune(input, runes, i) : i;
            int r = runes[start];
            i = start + 1;
            if (!escaped && (r == '*' || r == '+')) {
                throw invalid(input, i, "flag '" + Character.toString(r) + "' must be preceded by a non-flag");
            } else if (!escaped && r == ']') {
                throw invalid(input, i, "set-close ']' with no preceding '['");
            } else if (!escaped && r == '[') {
                List<int[]> ranges = new ArrayList<>();
                i = readSet(input, runes, i, ranges);
                token = new Token(ranges, false, false);
            } else {
                token = new Token(List.of(new int[] {r, r}), !escaped && r == '.', false);
            }
            int flag = i < runes.length ? runes[i] : 0;
            if (flag == '*' || flag == '+') {
                i++;
            }
            if (flag != '*') {
                tokens.add(token);
            }
            if (flag == '*' || flag == '+') {
                tokens.add(new Token(token.ranges(), token.any(), true));
            }
        }
        return tokens;
    }

    /** Reads a set's members up to its {@code ]}; returns the position after it. */
    private static int readSet(String input, int[] runes, int i, List<int[]> ranges) {
        Integer prev = null;
        while (i < runes.length) {
            boolean escaped = runes[i] == '\\';
            int at = escaped ? escapedRune(input, runes, i) : i;
            int r = runes[at];
            i = at + 1;
            if (escaped || (r != '-' && r != ']')) {
                ranges.add(new int[] {r, r});
                prev = r;
            } else if (r == ']') {
                return i;
            } else {
                i = readRange(input, runes, i, prev, ranges);
                prev = null;
            }
        }
        throw invalid(input, i, "found [ without matching ]");
    }

    /**
     * The end of a range after its {@code -}; its characters join the set. As in the library, a
     * range whose end comes before its start adds nothing and is no error.
     */
    private static int readRange(String input, int[] runes, int i, Integer prev, List<int[]> ranges) {
        if (prev == null) {
            throw invalid(input, i, "range character '-' must be preceded by a Unicode character");
        }
        if (i >= runes.length - 1) {
            throw invalid(input, i, "range character '-' must be followed by a Unicode character");
        }
        boolean escaped = runes[i] == '\\';
        int at = escaped ? escapedRune(input, runes, i) : i;
        int end = runes[at];
        if (!escaped && (end == ']' || end == '-')) {
            throw invalid(input, at + 1, "range character '-' cannot be followed by a special symbol");
        }
        if (prev <= end) {
            ranges.add(new int[] {prev, end});
        }
        return at + 1;
    }

    /** The position of the character a backslash at {@code i} escapes. */
    private static int escapedRune(String input, int[] runes, int i) {
        if (i == runes.length - 1) {
            throw invalid(input, i, "input ends with a \\ (escape) character");
        }
        return i + 1;
    }

    private static BuiltinException invalid(String input, int pos, String what) {
        return new BuiltinException("input:" + input + ", pos:" + pos + ", " + what + ": the input provided is invalid");
    }
}
