package io.github.coco4j.rego.builtins;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Regular expressions with the reference engine's (Rust regex) meaning, run on RE2J: both are
 * linear-time RE2 dialects; the classes {@code \d \s \w} are widened from ASCII to Unicode, and
 * matches are enumerated as Rust and Go do (no empty match right after a previous match), where
 * a Java-style {@code find()} loop would report one.
 */
final class Regexes {
    private static final int CACHE_LIMIT = 512;
    private static final Map<String, Optional<Pattern>> CACHE = new ConcurrentHashMap<>();

    private static final String SPACE = "\\t-\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
    private static final String WORD = "\\p{L}\\p{Nl}\\p{M}\\p{Nd}\\p{Pc}\\x{200C}\\x{200D}";

    private Regexes() {
    }

    /** The compiled pattern, or empty when the pattern is not valid; compiled patterns are cached. */
    static Optional<Pattern> tryCompile(String pattern) {
        Optional<Pattern> cached = CACHE.get(pattern);
        if (cached != null) {
            return cached;
        }
        Optional<Pattern> compiled;
        try {
            compiled = Optional.of(Pattern.compile(translate(pattern)));
        } catch (PatternSyntaxException | IllegalArgumentException e) {
            compiled = Optional.empty();
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            // Evicting an arbitrary entry keeps reads lock-free; a hot pattern just compiles again.
            Iterator<String> keys = CACHE.keySet().iterator();
            if (keys.hasNext()) {
                CACHE.remove(keys.next());
            }
        }
        CACHE.put(pattern, compiled);
        return compiled;
    }

    /** The compiled pattern; an invalid one is an "invalid regex" error. */
    static Pattern compile(String pattern) {
        return tryCompile(pattern).orElseThrow(() -> new BuiltinException("invalid regex"));
    }

    /** Rust's Unicode-aware Perl classes in RE2 syntax; everything else is the same in both dialects. */
    static String translate(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                char e = pattern.charAt(++i);
                out.append(perlClass(e, inClass));
            } else if (!inClass && c == '[') {
                inClass = true;
                out.append(c);
                // A leading ']' (after an optional '^') is a literal, not the end of the class.
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                    out.append(pattern.charAt(++i));
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    out.append(pattern.charAt(++i));
                }
            } else if (inClass && c == '[' && pattern.startsWith("[:", i)) {
                int end = pattern.indexOf(":]", i + 2);
                int stop = end < 0 ? i + 1 : end + 2;
                out.append(pattern, i, stop);
                i = stop - 1;
            } else {
                if (inClass && c == ']') {
                    inClass = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String perlClass(char e, boolean inClass) {
        String members = switch (e) {
            case 'd', 'D' -> "\\p{Nd}";
            case 's', 'S' -> SPACE;
            case 'w', 'W' -> WORD;
            default -> null;
        };
        if (members == null) {
            return "\\" + e;
        }
        if (e == 'd' || e == 'D') {
            return e == 'd' ? "\\p{Nd}" : "\\P{Nd}";
        }
        if (Character.isLowerCase(e)) {
            return inClass ? members : "[" + members + "]";
        }
        // A negated class cannot be spliced into another class: RE2's ASCII meaning stays there.
        return inClass ? "\\" + e : "[^" + members + "]";
    }

    /** Successive non-overlapping matches, at most {@code limit}; an empty match touching the previous one is skipped. */
    static List<Matcher> matches(Pattern pattern, String s, long limit) {
        List<Matcher> out = new ArrayList<>();
        int position = 0;
        int previousEnd = -1;
        while (out.size() < limit && position <= s.length()) {
            Matcher m = pattern.matcher(s);
            if (!m.find(position)) {
                break;
            }
            boolean accept = true;
            if (m.end() == m.start()) {
                accept = m.start() != previousEnd;
                position = m.end() < s.length() ? s.offsetByCodePoints(m.end(), 1) : m.end() + 1;
            } else {
                position = m.end();
            }
            previousEnd = m.end();
            if (accept) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Rust's replacement syntax: {@code $1}, {@code $name}, {@code ${name}} and {@code $$}. A
     * reference takes the longest run of letters, digits and underscores ({@code $1a} is the group
     * named "1a"), and a group that does not exist or did not take part expands to nothing.
     */
    static void expand(Matcher m, Map<String, Integer> names, String replacement, StringBuilder out) {
        int i = 0;
        while (i < replacement.length()) {
            char c = replacement.charAt(i);
            if (c != '$' || i + 1 >= replacement.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (replacement.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int start;
            int end;
            int next;
            if (replacement.charAt(i + 1) == '{') {
                start = i + 2;
                end = replacement.indexOf('}', start);
                next = end + 1;
            } else {
                start = i + 1;
                end = start;
                while (end < replacement.length() && isNameChar(replacement.charAt(end))) {
                    end++;
                }
                next = end;
                if (end == start) {
                    end = -1;
                }
            }
            if (end < 0) {
                out.append('$');
                i++;
                continue;
            }
            String group = group(m, names, replacement.substring(start, end));
            out.append(group == null ? "" : group);
            i = next;
        }
    }

    private static String group(Matcher m, Map<String, Integer> names, String reference) {
        Integer named = names.get(reference);
        if (named != null) {
            return m.group(named);
        }
        String digits = reference.startsWith("+") ? reference.substring(1) : reference;
        if (digits.isEmpty() || !digits.chars().allMatch(d -> d >= '0' && d <= '9')) {
            return null;
        }
        digits = digits.replaceFirst("^0+(?=.)", "");
        return digits.length() <= 9 && Integer.parseInt(digits) <= m.groupCount() ? m.group(Integer.parseInt(digits)) : null;
    }

    private static boolean isNameChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
