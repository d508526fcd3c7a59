package io.github.coco4j.rego.builtins;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Go time layouts ("2006-01-02T15:04:05Z07:00") the way the reference engine handles them: the
 * layout is translated into chrono's formatting items, which format with chrono's rules. These
 * differ from Go's in places: fractions print 0, 3, 6 or 9 digits, a zone name prints as the
 * offset, and a layout letter it does not know (such as the J of "Jul") ends the layout.
 */
final class GoLayout {
    private GoLayout() {
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

    static final String[] SHORT_MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    /** Indexed by days from Sunday. */
    static final String[] SHORT_WEEKDAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static final String[] LONG_WEEKDAYS =
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
}
