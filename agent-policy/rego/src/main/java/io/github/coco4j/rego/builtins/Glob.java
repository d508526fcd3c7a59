package io.github.coco4j.rego.builtins;

import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Globs as the reference engine's globset library compiles them with a literal separator: '*'
 * and '?' stop at '/', "**" spans components only as a whole component ("a/**", "**&#47;b",
 * "a/**&#47;b"), classes, nested alternates and backslash escapes. Like globset, the compiled
 * expression works on UTF-8 bytes ('?' is one byte), so patterns and text are matched in a
 * form where every char stands for one byte.
 */
final class Glob {
    private static final int CACHE_LIMIT = 512;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private enum Kind { LITERAL, ANY, ZERO_OR_MORE, RECURSIVE_PREFIX, RECURSIVE_SUFFIX, RECURSIVE_ZERO_OR_MORE, CLASS, ALTERNATES }

    private record Token(Kind kind, int c, boolean negated, List<int[]> ranges, List<List<Token>> alternates) {
        static Token of(Kind kind) {
            return new Token(kind, 0, false, null, null);
        }

        static Token literal(int c) {
            return new Token(Kind.LITERAL, c, false, null, null);
        }
    }

    private final String glob;
    private int next;
    private int prev = -1;
    private int cur = -1;
    private final List<List<Token>> branches = new ArrayList<>();
    private final Deque<Integer> alternates = new ArrayDeque<>();

    private Glob(String glob) {
        this.glob = glob;
        branches.add(new ArrayList<>());
    }

    /** The compiled glob; an invalid one is an "invalid glob" error. */
    static Pattern compile(String glob) {
        Pattern cached = CACHE.get(glob);
        if (cached != null) {
            return cached;
        }
        Pattern compiled = Pattern.compile(new Glob(glob).toRegex());
        if (CACHE.size() >= CACHE_LIMIT) {
            Iterator<String> keys = CACHE.keySet().iterator();
            if (keys.hasNext()) {
                CACHE.remove(keys.next());
            }
        }
        CACHE.put(glob, compiled);
        return compiled;
    }

    static boolean matches(Pattern glob, String text) {
        return glob.matcher(bytes(text)).matches();
    }

    /** One char per UTF-8 byte, so that the compiled expression sees bytes. */
    private static String bytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private String toRegex() {
        while (bump() >= 0) {
            switch (cur) {
                case '?' -> push(Token.of(Kind.ANY));
                case '*' -> star();
                case '[' -> charClass();
                case '{' -> {
                    alternates.push(branches.size());
                    branches.add(new ArrayList<>());
                }
                case '}' -> closeAlternates();
                case ',' -> {
                    if (alternates.isEmpty()) {
                        push(Token.literal(','));
                    } else {
                        branches.add(new ArrayList<>());
                    }
                }
                case '\\' -> {
                    if (bump() < 0) {
                        throw invalid();
                    }
                    push(Token.literal(cur));
                }
                default -> push(Token.literal(cur));
            }
        }
        if (branches.size() > 1) {
            throw invalid();
        }
        List<Token> tokens = branches.get(0);
        StringBuilder re = new StringBuilder("^");
        if (tokens.size() == 1 && tokens.get(0).kind() == Kind.RECURSIVE_PREFIX) {
            return re.append(".*$").toString();
        }
        write(tokens, re);
        return re.append('$').toString();
    }

    private static BuiltinException invalid() {
        return new BuiltinException("invalid glob");
    }

    private int bump() {
        prev = cur;
        cur = next < glob.length() ? glob.codePointAt(next) : -1;
        next += cur < 0 ? 0 : Character.charCount(cur);
        return cur;
    }

    private int peek() {
        return next < glob.length() ? glob.codePointAt(next) : -1;
    }

    private List<Token> branch() {
        return branches.get(branches.size() - 1);
    }

    private void push(Token t) {
        branch().add(t);
    }

    private void closeAlternates() {
        if (alternates.isEmpty()) {
            throw invalid();
        }
        int start = alternates.pop();
        List<List<Token>> alts = new ArrayList<>(branches.subList(start, branches.size()));
        branches.subList(start, branches.size()).clear();
        push(new Token(Kind.ALTERNATES, 0, false, null, alts));
    }

    /** "**" is recursive only as a whole path component; anywhere else it is two stars. */
    private void star() {
        int before = prev;
        if (peek() != '*') {
            push(Token.of(Kind.ZERO_OR_MORE));
            return;
        }
        bump();
        if (branch().isEmpty()) {
            if (peek() >= 0 && peek() != '/') {
                twoStars();
            } else {
                push(Token.of(Kind.RECURSIVE_PREFIX));
                bump();
            }
            return;
        }
        if (before != '/' && (branches.size() <= 1 || (before != ',' && before != '{'))) {
            twoStars();
            return;
        }
        boolean suffix;
        if (peek() < 0) {
            suffix = true;
        } else if ((peek() == ',' || peek() == '}') && branches.size() >= 2) {
            suffix = true;
        } else if (peek() == '/') {
            bump();
            suffix = false;
        } else {
            twoStars();
            return;
        }
        Token last = branch().remove(branch().size() - 1);
        if (last.kind() == Kind.RECURSIVE_PREFIX || last.kind() == Kind.RECURSIVE_SUFFIX) {
            push(last);
        } else {
            push(Token.of(suffix ? Kind.RECURSIVE_SUFFIX : Kind.RECURSIVE_ZERO_OR_MORE));
        }
    }

    private void twoStars() {
        push(Token.of(Kind.ZERO_OR_MORE));
        push(Token.of(Kind.ZERO_OR_MORE));
    }

    /** "[...]", "[!...]" or "[^...]"; a leading ']' or '-' is literal, as is a trailing '-'. */
    private void charClass() {
        boolean negated = false;
        if (peek() == '!' || peek() == '^') {
            bump();
            negated = true;
        }
        List<int[]> ranges = new ArrayList<>();
        boolean first = true;
        boolean inRange = false;
        while (true) {
            int c = bump();
            if (c < 0) {
                throw invalid();
            }
            if (c == ']' && !first) {
                break;
            }
            if (c == '-' && !first && !inRange) {
                inRange = true;
            } else if (inRange) {
                int[] last = ranges.get(ranges.size() - 1);
                last[1] = c;
                if (last[1] < last[0]) {
                    throw invalid();
                }
                inRange = false;
            } else {
                ranges.add(new int[] {c, c});
            }
            first = false;
        }
        if (inRange) {
            ranges.add(new int[] {'-', '-'});
        }
        push(new Token(Kind.CLASS, 0, negated, ranges, null));
    }

    private static void write(List<Token> tokens, StringBuilder re) {
        for (Token t : tokens) {
            switch (t.kind()) {
                case LITERAL -> literal(t.c(), re);
                case ANY -> re.append("[^/]");
                case ZERO_OR_MORE -> re.append("[^/]*");
                case RECURSIVE_PREFIX -> re.append("(?:/?|.*/)");
                case RECURSIVE_SUFFIX -> re.append("/.*");
                case RECURSIVE_ZERO_OR_MORE -> re.append("(?:/|/.*/)");
                case CLASS -> {
                    re.append(t.negated() ? "[^" : "[");
                    for (int[] r : t.ranges()) {
                        literal(r[0], re);
                        if (r[1] != r[0]) {
                            re.append('-');
                            literal(r[1], re);
                        }
                    }
                    re.append(']');
                }
                case ALTERNATES -> {
                    List<String> parts = new ArrayList<>();
                    for (List<Token> alternative : t.alternates()) {
                        StringBuilder part = new StringBuilder();
                        write(alternative, part);
                        if (part.length() > 0) {
                            parts.add(part.toString());
                        }
                    }
                    if (!parts.isEmpty()) {
                        re.append("(?:").append(String.join("|", parts)).append(')');
                    }
                }
                default -> throw new IllegalStateException(t.kind().name());
            }
        }
    }

    /** Each UTF-8 byte of the char as an escaped char of its own, inside a class too. */
    private static void literal(int c, StringBuilder re) {
        for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
            re.append(String.format("\\x{%02x}", b & 0xff));
        }
    }
}
