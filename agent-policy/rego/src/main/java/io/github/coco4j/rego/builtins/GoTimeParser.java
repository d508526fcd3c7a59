package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.builtins.GoLayout.Item;
import io.github.coco4j.rego.builtins.GoLayout.Kind;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsing with Go layouts as the reference engine does it, with chrono's rules: names match in
 * any case, numbers may be preceded by spaces, a 12-hour clock needs AM/PM, a weekday must agree
 * with the date, a two-digit year alone is 1970-2069. Also RFC 3339 as chrono reads it.
 */
final class GoTimeParser {
    private GoTimeParser() {
    }

    /** A parse failure, with chrono's wording. */
    static final class ParseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseFailure(String message) {
            super(message, null, false, false);
        }
    }

    static final ParseFailure OUT_OF_RANGE = new ParseFailure("input is out of range");
    static final ParseFailure IMPOSSIBLE = new ParseFailure("no possible date and time matching input");
    static final ParseFailure NOT_ENOUGH = new ParseFailure("input is not enough for unique date and time");
    static final ParseFailure INVALID = new ParseFailure("input contains invalid characters");
    static final ParseFailure TOO_SHORT = new ParseFailure("premature end of input");
    static final ParseFailure TOO_LONG = new ParseFailure("trailing input");

    /**
     * Parses with a layout into epoch nanoseconds (null when outside the 64-bit range). Parsing
     * stops at a zone name: a legacy abbreviation there (PST, EDT, ...) sets the offset, then
     * the rest of the name is skipped and parsing resumes. Missing year and time default to 0.
     */
    static Long parse(String layout, String value) {
        List<Item> items = GoLayout.items(layout, true);
        int split = 0;
        while (split < items.size() && items.get(split).kind() != Kind.ZONE_NAME) {
            split++;
        }
        Parsed p = new Parsed();
        Cursor in = new Cursor(value);
        in.parse(p, items.subList(0, split));
        if (!in.atEnd()) {
            legacyZone(p, in.rest());
            Cursor zone = new Cursor(in.rest());
            List<Item> rest = new ArrayList<>();
            rest.add(Item.of(Kind.ZONE_NAME));
            rest.addAll(items.subList(Math.min(split + 1, items.size()), items.size()));
            zone.parse(p, rest);
            if (!zone.atEnd()) {
                throw TOO_LONG;
            }
        }
        if (p.year == null && p.yearMod100 == null) {
            p.year = 0;
        }
        if (p.hourDiv12 == null && p.hourMod12 == null && p.minute == null && p.second == null) {
            p.setHour(0);
            p.minute = 0;
            p.second = 0;
        }
        return p.epochNanos(p.offset == null ? 0 : p.offset);
    }

    private static void legacyZone(Parsed p, String s) {
        int upto = 0;
        while (upto < s.length() && ((s.charAt(upto) | 32) >= 'a' && (s.charAt(upto) | 32) <= 'z')) {
            upto++;
        }
        Integer hours = switch (s.substring(0, upto).toLowerCase(java.util.Locale.ROOT)) {
            case "gmt", "ut" -> 0;
            case "edt" -> -4;
            case "est", "cdt" -> -5;
            case "cst", "mdt" -> -6;
            case "mst", "pdt" -> -7;
            case "pst" -> -8;
            default -> null;
        };
        if (upto > 0 && hours != null) {
            p.setOffset(hours * 3600);
        }
    }

    /** chrono's {@code DateTime::parse_from_rfc3339}: epoch nanoseconds, null outside the 64-bit range. */
    static Long parseRfc3339(String s) {
        if (s.length() < 19) {
            throw TOO_SHORT;
        }
        int year = digits(s, 0, 4);
        expect(s, 4, '-');
        int month = digits(s, 5, 2);
        expect(s, 7, '-');
        int day = digits(s, 8, 2);
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw OUT_OF_RANGE;
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            throw INVALID;
        }
        int hour = digits(s, 11, 2);
        expect(s, 13, ':');
        int minute = digits(s, 14, 2);
        expect(s, 16, ':');
        int second = digits(s, 17, 2);
        long nano = 0;
        if (second == 60) {
            second = 59;
            nano = 1_000_000_000;
        }
        Cursor in = new Cursor(s);
        in.at = 19;
        if (s.length() > 19 && s.charAt(19) == '.') {
            in.at = 20;
            nano += in.fraction();
        }
        if (hour > 23 || minute > 59 || (nano >= 1_000_000_000 && second != 59)) {
            throw OUT_OF_RANGE;
        }
        int offset = in.offset(true, true);
        if (!in.atEnd()) {
            throw TOO_LONG;
        }
        if (Math.abs(offset) >= 86_400) {
            throw OUT_OF_RANGE;
        }
        return epochNanos(date, hour, minute, second, nano, offset);
    }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw INVALID;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(String s, int at, char c) {
        if (s.charAt(at) != c) {
            throw INVALID;
        }
    }

    static Long epochNanos(LocalDate date, int hour, int minute, int second, long nano, int offset) {
        BigInteger seconds = BigInteger.valueOf(date.toEpochDay()).multiply(BigInteger.valueOf(86_400))
                .add(BigInteger.valueOf(hour * 3600L + minute * 60L + second - offset));
        BigInteger nanos = seconds.multiply(BigInteger.valueOf(1_000_000_000)).add(BigInteger.valueOf(nano));
        return nanos.bitLength() < 64 ? nanos.longValue() : null;
    }

    /** The input being parsed, with chrono's scanning rules. */
    private static final class Cursor {
        final String s;
        int at;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return at >= s.length();
        }

        String rest() {
            return s.substring(at);
        }

        boolean startsWith(String prefix) {
            return s.startsWith(prefix, at);
        }

        void parse(Parsed p, List<Item> items) {
            for (Item item : items) {
                switch (item.kind()) {
                    case LITERAL -> {
                        if (s.length() - at < item.text().length()) {
                            throw TOO_SHORT;
                        }
                        if (!startsWith(item.text())) {
                            throw INVALID;
                        }
                        at += item.text().length();
                    }
                    case SPACE -> at = RustText.skipWhitespace(s, at);
                    case YEAR -> {
                        at = RustText.skipWhitespace(s, at);
                        long v;
                        if (startsWith("-")) {
                            at++;
                            v = -number(1, Integer.MAX_VALUE);
                        } else if (startsWith("+")) {
                            at++;
                            v = number(1, Integer.MAX_VALUE);
                        } else {
                            v = number(1, 4);
                        }
                        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                            throw OUT_OF_RANGE;
                        }
                        p.year = consistent(p.year, (int) v);
                    }
                    case YEAR_MOD100 -> p.yearMod100 = consistent(p.yearMod100, (int) ranged(numeric(2), 0, 99));
                    case MONTH -> p.month = consistent(p.month, (int) ranged(numeric(2), 1, 12));
                    case DAY -> p.day = consistent(p.day, (int) ranged(numeric(2), 1, 31));
                    case ORDINAL -> p.ordinal = consistent(p.ordinal, (int) ranged(numeric(3), 1, 366));
                    case HOUR -> p.setHour(ranged(numeric(2), 0, 23));
                    case HOUR12 -> {
                        long v = ranged(numeric(2), 1, 12);
                        p.hourMod12 = consistent(p.hourMod12, (int) (v % 12));
                    }
                    case MINUTE -> p.minute = consistent(p.minute, (int) ranged(numeric(2), 0, 59));
                    case SECOND -> p.second = consistent(p.second, (int) ranged(numeric(2), 0, 60));
                    case SHORT_MONTH -> p.month = consistent(p.month, shortName(GoLayout.SHORT_MONTHS) + 1);
                    case LONG_MONTH -> p.month = consistent(p.month, longName(GoLayout.SHORT_MONTHS, GoLayout.LONG_MONTHS) + 1);
                    case SHORT_WEEKDAY -> p.weekday = consistent(p.weekday, shortName(GoLayout.SHORT_WEEKDAYS));
                    case LONG_WEEKDAY -> p.weekday = consistent(p.weekday, longName(GoLayout.SHORT_WEEKDAYS, GoLayout.LONG_WEEKDAYS));
                    case LOWER_AMPM, UPPER_AMPM -> {
                        if (s.length() - at < 2) {
                            throw TOO_SHORT;
                        }
                        String ampm = s.substring(at, at + 2).toLowerCase(java.util.Locale.ROOT);
                        if (!ampm.equals("am") && !ampm.equals("pm")) {
                            throw INVALID;
                        }
                        p.hourDiv12 = consistent(p.hourDiv12, ampm.equals("pm") ? 1 : 0);
                        at += 2;
                    }
                    case NANO -> {
                        if (startsWith(".")) {
                            at++;
                            p.nanosecond = consistent(p.nanosecond, (int) fraction());
                        }
                    }
                    case NANO3 -> fixedFraction(p, 3);
                    case NANO6 -> fixedFraction(p, 6);
                    case NANO9 -> fixedFraction(p, 9);
                    case ZONE_NAME -> {
                        while (at < s.length() && !RustText.isWhitespace(s.codePointAt(at))) {
                            at += Character.charCount(s.codePointAt(at));
                        }
                    }
                    case OFFSET, OFFSET_COLON, OFFSET_SECONDS, OFFSET_HOURS -> {
                        at = RustText.skipWhitespace(s, at);
                        p.setOffset(offset(false, false));
                    }
                    case OFFSET_Z, OFFSET_COLON_Z -> {
                        at = RustText.skipWhitespace(s, at);
                        p.setOffset(offset(true, false));
                    }
                    default -> throw new IllegalStateException(item.kind().name());
                }
            }
        }

        private long numeric(int width) {
            at = RustText.skipWhitespace(s, at);
            return number(1, width);
        }

        /** From {@code min} to {@code max} ASCII digits. */
        long number(int min, int max) {
            if (s.length() - at < min) {
                throw TOO_SHORT;
            }
            long n = 0;
            int i = 0;
            while (i < max && at + i < s.length()) {
                char c = s.charAt(at + i);
                if (c < '0' || c > '9') {
                    if (i < min) {
                        throw INVALID;
                    }
                    break;
                }
                if (n > (Long.MAX_VALUE - (c - '0')) / 10) {
                    throw OUT_OF_RANGE;
                }
                n = n * 10 + (c - '0');
                i++;
            }
            at += i;
            return n;
        }

        /** One to nine digits as nanoseconds; further digits are skipped. */
        long fraction() {
            int start = at;
            long v = number(1, 9);
            for (int i = at - start; i < 9; i++) {
                v *= 10;
            }
            while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                at++;
            }
            return v;
        }

        private void fixedFraction(Parsed p, int digits) {
            if (startsWith(".")) {
                at++;
                long v = number(digits, digits);
                for (int i = digits; i < 9; i++) {
                    v *= 10;
                }
                p.nanosecond = consistent(p.nanosecond, (int) v);
            }
        }

        private int shortName(String[] names) {
            if (s.length() - at < 3) {
                throw TOO_SHORT;
            }
            String head = s.substring(at, at + 3);
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(head)) {
                    at += 3;
                    return i;
                }
            }
            throw INVALID;
        }

        private int longName(String[] shortNames, String[] longNames) {
            int i = shortName(shortNames);
            String suffix = longNames[i].substring(3);
            if (s.length() - at >= suffix.length() && s.regionMatches(true, at, suffix, 0, suffix.length())) {
                at += suffix.length();
            }
            return i;
        }

        /**
         * +HH:MM, or Z when allowed; seconds east of UTC. Between hours and minutes RFC 3339 wants
         * exactly one colon, layouts take any colons or spaces.
         */
        int offset(boolean zulu, boolean oneColon) {
            if (zulu && (startsWith("Z") || startsWith("z"))) {
                at++;
                return 0;
            }
            if (atEnd()) {
                throw TOO_SHORT;
            }
            char sign = s.charAt(at);
            if (sign != '+' && sign != '-' && sign != '\u2212') {
                throw INVALID;
            }
            at++;
            if (s.length() - at < 2) {
                throw TOO_SHORT;
            }
            int hours = twoDigits('9');
            if (oneColon) {
                if (atEnd()) {
                    throw TOO_SHORT;
                }
                if (s.charAt(at) != ':') {
                    throw INVALID;
                }
                at++;
            }
            while (!oneColon && at < s.length() && (s.charAt(at) == ':' || RustText.isWhitespace(s.codePointAt(at)))) {
                at += Character.charCount(s.codePointAt(at));
            }
            if (s.length() - at < 2) {
                throw TOO_SHORT;
            }
            char m1 = s.charAt(at);
            if (m1 >= '6' && m1 <= '9' && s.charAt(at + 1) >= '0' && s.charAt(at + 1) <= '9') {
                throw OUT_OF_RANGE;
            }
            int minutes = twoDigits('5');
            int seconds = hours * 3600 + minutes * 60;
            return sign == '+' ? seconds : -seconds;
        }

        private int twoDigits(char maxFirst) {
            char a = s.charAt(at);
            char b = s.charAt(at + 1);
            if (a < '0' || a > maxFirst || b < '0' || b > '9') {
                throw INVALID;
            }
            at += 2;
            return (a - '0') * 10 + (b - '0');
        }

        private static long ranged(long v, long min, long max) {
            if (v < min || v > max) {
                throw OUT_OF_RANGE;
            }
            return v;
        }
    }

    private static Integer consistent(Integer old, int value) {
        if (old != null && old != value) {
            throw IMPOSSIBLE;
        }
        return value;
    }

    /** The fields read so far, resolved as chrono resolves them. */
    private static final class Parsed {
        Integer year;
        Integer yearMod100;
        Integer month;
        Integer day;
        Integer ordinal;
        /** Days from Sunday. */
        Integer weekday;
        Integer hourDiv12;
        Integer hourMod12;
        Integer minute;
        Integer second;
        Integer nanosecond;
        Integer offset;

        void setHour(long hour) {
            hourDiv12 = consistent(hourDiv12, (int) (hour / 12));
            hourMod12 = consistent(hourMod12, (int) (hour % 12));
        }

        void setOffset(int seconds) {
            offset = consistent(offset, seconds);
        }

        Long epochNanos(int offsetSeconds) {
            LocalDate date = date();
            if (hourDiv12 == null || hourMod12 == null || minute == null) {
                throw NOT_ENOUGH;
            }
            int sec = second == null ? 0 : second;
            long nano = 0;
            if (sec == 60) {
                sec = 59;
                nano = 1_000_000_000;
            }
            if (nanosecond != null) {
                if (second == null) {
                    throw NOT_ENOUGH;
                }
                nano += nanosecond;
            }
            if (Math.abs(offsetSeconds) >= 86_400) {
                throw OUT_OF_RANGE;
            }
            return GoTimeParser.epochNanos(date, hourDiv12 * 12 + hourMod12, minute, sec, nano, offsetSeconds);
        }

        private LocalDate date() {
            int y = resolveYear();
            LocalDate date;
            try {
                if (month != null && day != null) {
                    date = LocalDate.of(y, month, day);
                } else if (ordinal != null) {
                    date = LocalDate.ofYearDay(y, ordinal);
                } else {
                    throw NOT_ENOUGH;
                }
            } catch (DateTimeException e) {
                throw OUT_OF_RANGE;
            }
            if (date.getYear() < -262_143 || date.getYear() > 262_142) {
                throw OUT_OF_RANGE;
            }
            boolean verified = (weekday == null || weekday == date.getDayOfWeek().getValue() % 7)
                    && (ordinal == null || ordinal == date.getDayOfYear())
                    && (month == null || month == date.getMonthValue())
                    && (day == null || day == date.getDayOfMonth());
            if (!verified) {
                throw IMPOSSIBLE;
            }
            return date;
        }

        /** A two-digit year alone is 1970-2069. */
        private int resolveYear() {
            if (yearMod100 == null) {
                return year;
            }
            if (year == null) {
                return yearMod100 + (yearMod100 < 70 ? 2000 : 1900);
            }
            if (year < 0 || year % 100 != yearMod100) {
                throw IMPOSSIBLE;
            }
            return year;
        }
    }
}
