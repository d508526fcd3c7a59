package io.github.coco4j.rego.builtins;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Go time layouts ("2006-01-02T15:04:05Z07:00") the way the reference engine handles them: the
 * layout is translated into chrono's formatting items and formatted or parsed with chrono's
 * rules, which differ from Go's in places (fractions print 0, 3, 6 or 9 digits; a 12-hour clock
 * needs AM/PM; names are matched case-insensitively; an unrecognised layout letter such as
 * {@code J} in "Jul" ends the layout). Also RFC 3339 parsing as chrono does it.
 */
final class GoTime {
    private GoTime() {
    }

    enum Kind {
        LITERAL, SPACE,
        YEAR, YEAR_MOD100, MONTH, DAY, ORDINAL, HOUR, HOUR12, MINUTE, SECOND,
        SHORT_MONTH, LONG_MONTH, SHORT_WEEKDAY, LONG_WEEKDAY, LOWER_AMPM, UPPER_AMPM,
        NANO, NANO3, NANO6, NANO9, ZONE_NAME,
        OFFSET, OFFSET_COLON, OFFSET_SECONDS, OFFSET_HOURS, OFFSET_Z, OFFSET_COLON_Z
    }

    enum Pad { ZERO, NONE, SPACE }

    record Item(Kind kind, Pad pad, String text) {
        static Item of(Kind kind) {
            return new Item(kind, Pad.ZERO, "");
        }

        static Item num(Kind kind, Pad pad) {
            return new Item(kind, pad, "");
        }
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

    private static final String[] SHORT_MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    /** Indexed by days from Sunday. */
    private static final String[] SHORT_WEEKDAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    private static final String[] LONG_WEEKDAYS =
            {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

    /** The named layouts Go defines, which the reference engine accepts in place of a layout. */
    static String predefined(String layout) {
        return switch (layout) {
            case "ANSIC" -> "Mon Jan _2 15:04:05 2006";
            case "UnixDate" -> "Mon Jan _2 15:04:05 MST 2006";
            case "RubyDate" -> "Mon Jan 02 15:04:05 -0700 2006";
            case "RFC822" -> "02 Jan 06 15:04 MST";
            case "RFC822Z" -> "02 Jan 06 15:04 -0700";
            case "RFC850" -> "Monday, 02-Jan-06 15:04:05 MST";
            case "RFC1123" -> "Mon, 02 Jan 2006 15:04:05 MST";
            case "RFC1123Z" -> "Mon, 02 Jan 2006 15:04:05 -0700";
            case "RFC3339" -> "2006-01-02T15:04:05Z07:00";
            case "RFC3339Nano" -> "2006-01-02T15:04:05.999999999Z07:00";
            default -> layout;
        };
    }

    // ---- layout translation

    /** The items of a layout; parsing also reads an optional fraction after "05" seconds. */
    static List<Item> items(String layout, boolean forParsing) {
        List<Item> out = new ArrayList<>();
        int i = 0;
        while (i < layout.length()) {
            String r = layout.substring(i);
            int used = token(r, forParsing, out);
            if (used == 0) {
                break; // the reference engine stops at a layout element it does not know
            }
            i += used;
        }
        return out;
    }

    /** Appends the items of the element at the start of {@code r}; the characters used, 0 to stop. */
    private static int token(String r, boolean forParsing, List<Item> out) {
        char c = r.charAt(0);
        switch (c) {
            case 'J':
                return first(r, out, "January", Item.of(Kind.LONG_MONTH), "Jan", Item.of(Kind.SHORT_MONTH));
            case 'M':
                return first(r, out, "Monday", Item.of(Kind.LONG_WEEKDAY), "Mon", Item.of(Kind.SHORT_WEEKDAY),
                        "MST", Item.of(Kind.ZONE_NAME));
            case '0':
                if (r.startsWith("05")) {
                    out.add(Item.num(Kind.SECOND, Pad.ZERO));
                    if (forParsing && !r.startsWith("05.")) {
                        out.add(Item.of(Kind.NANO));
                    }
                    return 2;
                }
                return first(r, out, "002", Item.num(Kind.ORDINAL, Pad.ZERO), "01", Item.num(Kind.MONTH, Pad.ZERO),
                        "02", Item.num(Kind.DAY, Pad.ZERO), "03", Item.num(Kind.HOUR12, Pad.ZERO),
                        "04", Item.num(Kind.MINUTE, Pad.ZERO), "06", Item.num(Kind.YEAR_MOD100, Pad.ZERO));
            case '1':
                return first(r, out, "15", Item.num(Kind.HOUR, Pad.ZERO), "1", Item.num(Kind.MONTH, Pad.NONE));
            case '2':
                return first(r, out, "2006", Item.num(Kind.YEAR, Pad.ZERO), "2", Item.num(Kind.DAY, Pad.NONE));
            case '_':
                if (r.startsWith("_2006")) {
                    out.add(new Item(Kind.LITERAL, Pad.ZERO, "_"));
                    out.add(Item.num(Kind.YEAR, Pad.NONE));
                    return 5;
                }
                return first(r, out, "__2", Item.num(Kind.ORDINAL, Pad.SPACE), "_2", Item.num(Kind.DAY, Pad.SPACE));
            case '3':
                return first(r, out, "3", Item.num(Kind.HOUR12, Pad.NONE));
            case '4':
                return first(r, out, "4", Item.num(Kind.MINUTE, Pad.NONE));
            case '5':
                out.add(Item.num(Kind.SECOND, Pad.NONE));
                out.add(Item.of(Kind.NANO));
                return 1;
            case 'P':
                return first(r, out, "PM", Item.of(Kind.UPPER_AMPM));
            case 'p':
                return first(r, out, "pm", Item.of(Kind.LOWER_AMPM));
            case '-':
                return first(r, out, "-070000", Item.of(Kind.OFFSET_SECONDS), "-07:00:00", Item.of(Kind.OFFSET_SECONDS),
                        "-0700", Item.of(Kind.OFFSET), "-07:00", Item.of(Kind.OFFSET_COLON),
                        "-07", Item.of(Kind.OFFSET_HOURS), "-", new Item(Kind.LITERAL, Pad.ZERO, "-"));
            case 'Z':
                return first(r, out, "Z0700", Item.of(Kind.OFFSET_Z), "Z07:00", Item.of(Kind.OFFSET_COLON_Z));
            default:
                break;
        }
        if ((c == '.' || c == ',') && isFraction(r)) {
            return fraction(r, out);
        }
        if (RustText.isWhitespace(r.codePointAt(0))) {
            int end = RustText.skipWhitespace(r, 0);
            out.add(new Item(Kind.SPACE, Pad.ZERO, r.substring(0, end)));
            return end;
        }
        int n = Character.charCount(r.codePointAt(0));
        out.add(new Item(Kind.LITERAL, Pad.ZERO, r.substring(0, n)));
        return n;
    }

    /** The first of the (prefix, item) pairs whose prefix starts {@code r}. */
    private static int first(String r, List<Item> out, Object... prefixesAndItems) {
        for (int i = 0; i < prefixesAndItems.length; i += 2) {
            String prefix = (String) prefixesAndItems[i];
            if (r.startsWith(prefix)) {
                out.add((Item) prefixesAndItems[i + 1]);
                return prefix.length();
            }
        }
        return 0;
    }

    /** A separator then a run of 0s or 9s not followed by another digit. */
    private static boolean isFraction(String r) {
        if (r.length() < 2 || (r.charAt(1) != '0' && r.charAt(1) != '9')) {
            return false;
        }
        int i = 1;
        while (i < r.length() && r.charAt(i) == r.charAt(1)) {
            i++;
        }
        return i == r.length() || !(r.charAt(i) >= '0' && r.charAt(i) <= '9');
    }

    private static int fraction(String r, List<Item> out) {
        char digit = r.charAt(1);
        int n = 1;
        while (n < 9 && n + 1 < r.length() && r.charAt(n + 1) == digit) {
            n++;
        }
        // Fixed widths come from runs of zeros, and from runs of nines after a comma.
        boolean fixed = digit == '0' || r.charAt(0) == ',';
        Kind kind = !fixed ? Kind.NANO : n == 9 ? Kind.NANO9 : n == 6 ? Kind.NANO6 : n == 3 ? Kind.NANO3 : Kind.NANO;
        out.add(Item.of(kind));
        return n + 1;
    }

    // ---- formatting

    static String format(OffsetDateTime t, List<Item> items) {
        StringBuilder out = new StringBuilder();
        int nano = t.getNano();
        for (Item item : items) {
            switch (item.kind()) {
                case LITERAL, SPACE -> out.append(item.text());
                case YEAR -> year(out, t.getYear(), item.pad());
                case YEAR_MOD100 -> two(out, Math.floorMod(t.getYear(), 100), item.pad());
                case MONTH -> two(out, t.getMonthValue(), item.pad());
                case DAY -> two(out, t.getDayOfMonth(), item.pad());
                case ORDINAL -> padded(out, t.getDayOfYear(), 3, item.pad());
                case HOUR -> two(out, t.getHour(), item.pad());
                case HOUR12 -> two(out, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, item.pad());
                case MINUTE -> two(out, t.getMinute(), item.pad());
                case SECOND -> two(out, t.getSecond(), item.pad());
                case SHORT_MONTH -> out.append(SHORT_MONTHS[t.getMonthValue() - 1]);
                case LONG_MONTH -> out.append(LONG_MONTHS[t.getMonthValue() - 1]);
                case SHORT_WEEKDAY -> out.append(SHORT_WEEKDAYS[t.getDayOfWeek().getValue() % 7]);
                case LONG_WEEKDAY -> out.append(LONG_WEEKDAYS[t.getDayOfWeek().getValue() % 7]);
                case LOWER_AMPM -> out.append(t.getHour() >= 12 ? "pm" : "am");
                case UPPER_AMPM -> out.append(t.getHour() >= 12 ? "PM" : "AM");
                case NANO -> out.append(autoFraction(nano));
                case NANO3 -> out.append('.').append(String.format("%03d", nano / 1_000_000));
                case NANO6 -> out.append('.').append(String.format("%06d", nano / 1_000));
                case NANO9 -> out.append('.').append(String.format("%09d", nano));
                case ZONE_NAME -> out.append(offsetName(t.getOffset().getTotalSeconds()));
                case OFFSET -> offset(out, t, 'm', false, false);
                case OFFSET_Z -> offset(out, t, 'm', false, true);
                case OFFSET_COLON -> offset(out, t, 'm', true, false);
                case OFFSET_COLON_Z -> offset(out, t, 'm', true, true);
                case OFFSET_SECONDS -> offset(out, t, 's', true, false);
                case OFFSET_HOURS -> offset(out, t, 'h', false, false);
                default -> throw new IllegalStateException(item.kind().name());
            }
        }
        return out.toString();
    }

    /** RFC 3339 with as many fraction digits as needed among 0, 3, 6 and 9, and Z for UTC. */
    static String rfc3339(OffsetDateTime t) {
        StringBuilder out = new StringBuilder();
        int year = t.getYear();
        out.append(year >= 0 && year <= 9999 ? String.format("%04d", year) : String.format("%+05d", year));
        out.append(String.format("-%02d-%02dT%02d:%02d:%02d", t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()));
        out.append(autoFraction(t.getNano()));
        offset(out, t, 'm', true, true);
        return out.toString();
    }

    private static String autoFraction(int nano) {
        if (nano == 0) {
            return "";
        }
        if (nano % 1_000_000 == 0) {
            return String.format(".%03d", nano / 1_000_000);
        }
        return nano % 1_000 == 0 ? String.format(".%06d", nano / 1_000) : String.format(".%09d", nano);
    }

    private static void year(StringBuilder out, int year, Pad pad) {
        if (year >= 1000 && year <= 9999) {
            out.append(year);
            return;
        }
        boolean sign = year < 0 || year >= 10_000;
        String flags = sign ? "+" : "";
        out.append(switch (pad) {
            case NONE -> String.format("%" + flags + "d", year);
            case ZERO -> String.format("%" + flags + "0" + (sign ? 5 : 4) + "d", year);
            case SPACE -> String.format("%" + flags + (sign ? 5 : 4) + "d", year);
        });
    }

    private static void two(StringBuilder out, int v, Pad pad) {
        if (v >= 10 || pad == Pad.ZERO) {
            out.append((char) ('0' + v / 10));
        } else if (pad == Pad.SPACE) {
            out.append(' ');
        }
        out.append((char) ('0' + v % 10));
    }

    private static void padded(StringBuilder out, int v, int width, Pad pad) {
        out.append(switch (pad) {
            case NONE -> Integer.toString(v);
            case ZERO -> String.format("%0" + width + "d", v);
            case SPACE -> String.format("%" + width + "d", v);
        });
    }

    /** A fixed offset as chrono displays it: +HH:MM, with :SS when there are seconds. */
    private static String offsetName(int offset) {
        char sign = offset < 0 ? '-' : '+';
        int off = Math.abs(offset);
        String hm = String.format("%c%02d:%02d", sign, off / 3600, off / 60 % 60);
        return off % 60 == 0 ? hm : hm + String.format(":%02d", off % 60);
    }

    /** Precision 'h' truncates to hours, 'm' rounds to minutes, 's' keeps seconds. */
    private static void offset(StringBuilder out, OffsetDateTime t, char precision, boolean colons, boolean zulu) {
        int off = t.getOffset().getTotalSeconds();
        if (zulu && off == 0) {
            out.append('Z');
            return;
        }
        out.append(off < 0 ? '-' : '+');
        off = Math.abs(off);
        int hours;
        int mins = 0;
        int secs = 0;
        if (precision == 'h') {
            hours = off / 3600;
        } else if (precision == 'm') {
            int minutes = Math.min((off + 30) / 60, 24 * 60 - 1);
            hours = minutes / 60;
            mins = minutes % 60;
        } else {
            hours = off / 3600;
            mins = off / 60 % 60;
            secs = off % 60;
        }
        out.append(String.format("%02d", hours));
        if (precision != 'h') {
            out.append(colons ? ":" : "").append(String.format("%02d", mins));
        }
        if (precision == 's') {
            out.append(colons ? ":" : "").append(String.format("%02d", secs));
        }
    }

    // ---- parsing

    /**
     * Parses with a layout into epoch nanoseconds (null when outside the 64-bit range). Parsing
     * stops at a zone name: a legacy abbreviation there (PST, EDT, ...) sets the offset, then
     * the rest of the name is skipped and parsing resumes. Missing year and time default to 0.
     */
    static Long parse(String layout, String value) {
        List<Item> items = items(layout, true);
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
                    case SHORT_MONTH -> p.month = consistent(p.month, shortName(SHORT_MONTHS) + 1);
                    case LONG_MONTH -> p.month = consistent(p.month, longName(SHORT_MONTHS, LONG_MONTHS) + 1);
                    case SHORT_WEEKDAY -> p.weekday = consistent(p.weekday, shortName(SHORT_WEEKDAYS));
                    case LONG_WEEKDAY -> p.weekday = consistent(p.weekday, longName(SHORT_WEEKDAYS, LONG_WEEKDAYS));
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
            return GoTime.epochNanos(date, hourDiv12 * 12 + hourMod12, minute, sec, nano, offsetSeconds);
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
