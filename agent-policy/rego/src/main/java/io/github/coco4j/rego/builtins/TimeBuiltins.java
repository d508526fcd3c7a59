package io.github.coco4j.rego.builtins;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * time.* builtins. Times are nanoseconds since the epoch; functions taking a time also accept
 * {@code [ns, zone]} or {@code [ns, zone, layout]}, the zone an IANA name, "UTC", "" or "Local".
 */
final class TimeBuiltins implements BuiltinFamily {
    /** The zone names, read on first use (holder idiom): reading Java's zone database costs milliseconds at load. */
    private static final class Zones {
        /** Names the reference engine's zone database has and Java's lacks, or spells differently. */
        static final Map<String, ZoneId> EXTRA = Map.of(
                "EST", ZoneOffset.ofHours(-5), "MST", ZoneOffset.ofHours(-7), "HST", ZoneOffset.ofHours(-10),
                "GMT+0", ZoneOffset.UTC, "GMT-0", ZoneOffset.UTC, "ROC", ZoneId.of("Asia/Taipei"));
        static final Set<String> AVAILABLE = ZoneId.getAvailableZoneIds();
    }

    /** chrono's date range. */
    private static final int MIN_YEAR = -262_143;
    private static final int MAX_YEAR = 262_142;
    private static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    /** A time argument: the time in its zone, and the layout given with it, if any. */
    private record Moment(OffsetDateTime time, String layout) {
    }

    @Override
    public void register(Builtins t) {
        t.add("time.now_ns", 0, (c, a) -> NumberValue.of(c.nowNanos()));
        t.add("time.parse_ns", 2, (c, a) -> {
            String layout = Args.string("time.parse_ns", a[0]);
            String value = Args.string("time.parse_ns", a[1]);
            return nanos(c, parsing(() -> GoTimeParser.parse(GoLayout.predefined(layout), value)));
        });
        t.add("time.parse_rfc3339_ns", 1, (c, a) -> {
            String value = Args.string("time.parse_rfc3339_ns", a[0]);
            return nanos(c, parsing(() -> GoTimeParser.parseRfc3339(value)));
        });
        t.add("time.parse_duration_ns", 1,
                (c, a) -> NumberValue.of(GoDuration.parse(Args.string("time.parse_duration_ns", a[0]))));
        t.add("time.date", 1, (c, a) -> {
            OffsetDateTime d = moment("time.date", a[0]).time();
            return numbers(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        });
        t.add("time.clock", 1, (c, a) -> {
            OffsetDateTime d = moment("time.clock", a[0]).time();
            return numbers(d.getHour(), d.getMinute(), d.getSecond());
        });
        t.add("time.weekday", 1, (c, a) -> StringValue.of(
                WEEKDAYS[moment("time.weekday", a[0]).time().getDayOfWeek().getValue() - 1]));
        t.add("time.format", 1, (c, a) -> {
            Moment m = moment("time.format", a[0]);
            return StringValue.of(m.layout() == null ? GoLayout.rfc3339(m.time())
                    : GoLayout.format(m.time(), GoLayout.items(GoLayout.predefined(m.layout()), false)));
        });
        t.add("time.diff", 2, (c, a) -> diff(moment("time.diff", a[0]).time(), moment("time.diff", a[1]).time()));
        t.add("time.add_date", 4, TimeBuiltins::addDate);
    }

    private static Value nanos(BuiltinContext c, Long nanos) {
        if (nanos == null) {
            if (c.strict()) {
                throw new BuiltinException("time outside of valid range");
            }
            return null;
        }
        return NumberValue.of(nanos);
    }

    private static Long parsing(Supplier<Long> parse) {
        try {
            return parse.get();
        } catch (GoTimeParser.ParseFailure e) {
            throw new BuiltinException("Failed to parse datetime: " + e.getMessage());
        }
    }

    private static Value numbers(long... values) {
        Value[] out = new Value[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = NumberValue.of(values[i]);
        }
        return ArrayValue.wrap(out);
    }

    private static Moment moment(String fn, Value v) {
        if (v instanceof NumberValue n) {
            return new Moment(at(epochNanos(n), ZoneOffset.UTC), null);
        }
        if (v instanceof ArrayValue a && a.size() >= 1 && a.get(0) instanceof NumberValue n) {
            if (a.size() == 1) {
                return new Moment(at(epochNanos(n), ZoneOffset.UTC), null);
            }
            if (a.get(1) instanceof StringValue zone) {
                long ns = epochNanos(n);
                String layout = null;
                if (a.size() > 2) {
                    if (!(a.get(2) instanceof StringValue s)) {
                        throw new BuiltinException("`" + fn + "` expects 3rd element of `ns` to be a `string`. Got `"
                                + a.get(2) + "` instead");
                    }
                    layout = s.value();
                }
                return new Moment(at(ns, zone(zone.value())), layout);
            }
        }
        throw new BuiltinException("`" + fn + "` expects `ns` to be a `number` or `array[number, string]`. Got `"
                + v + "` instead");
    }

    /** The number as a 64-bit integer, integral floats included. */
    private static long epochNanos(NumberValue n) {
        Long l = null;
        if (!n.isFloat()) {
            l = n.toLong();
        } else if (n.isInteger() && Math.abs(n.toDouble()) <= 0x1p63) {
            l = (long) n.toDouble();
        }
        if (l == null) {
            throw new BuiltinException("could not convert numeric value of `ns` to int64");
        }
        return l;
    }

    private static ZoneId zone(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (name.equals("Local")) {
            return ZoneId.systemDefault();
        }
        ZoneId extra = Zones.EXTRA.get(name);
        if (extra != null) {
            return extra;
        }
        if (!Zones.AVAILABLE.contains(name) || name.startsWith("SystemV/")) {
            throw new BuiltinException("failed to parse timezone");
        }
        return ZoneId.of(name);
    }

    private static OffsetDateTime at(long nanos, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                .atZone(zone).toOffsetDateTime();
    }

    /** Years, months, days, hours, minutes and seconds between the times, seen in the first time's offset. */
    private static Value diff(OffsetDateTime first, OffsetDateTime second) {
        OffsetDateTime a = first;
        OffsetDateTime b = second.withOffsetSameInstant(first.getOffset());
        if (a.isAfter(b)) {
            OffsetDateTime swap = a;
            a = b;
            b = swap;
        }
        long year = b.getYear() - a.getYear();
        long month = b.getMonthValue() - a.getMonthValue();
        long day = b.getDayOfMonth() - a.getDayOfMonth();
        long hour = b.getHour() - a.getHour();
        long min = b.getMinute() - a.getMinute();
        long sec = b.getSecond() - a.getSecond();
        if (sec < 0) {
            sec += 60;
            min--;
        }
        if (min < 0) {
            min += 60;
            hour--;
        }
        if (hour < 0) {
            hour += 24;
            day--;
        }
        if (day < 0) {
            day += YearMonth.of(a.getYear(), a.getMonthValue()).lengthOfMonth();
            month--;
        }
        if (month < 0) {
            month += 12;
            year--;
        }
        return numbers(year, month, day, hour, min, sec);
    }

    /**
     * Adds years, then months, then days to the local date, as chrono does: a February 29th moved
     * to a common year is undefined, and a month end is clamped to the shorter month's end.
     */
    private static Value addDate(BuiltinContext c, Value[] a) {
        String fn = "time.add_date";
        OffsetDateTime t = moment(fn, a[0]).time();
        int years = int32(fn, a[1]);
        int months = int32(fn, a[2]);
        int days = int32(fn, a[3]);
        long year = (long) t.getYear() + years;
        if (year != (int) year || year < MIN_YEAR || year > MAX_YEAR
                || (t.getMonthValue() == 2 && t.getDayOfMonth() == 29 && !java.time.Year.isLeap(year))) {
            return null;
        }
        try {
            LocalDateTime local = t.toLocalDateTime().withYear((int) year).plusMonths(months);
            if (local.getYear() < MIN_YEAR || local.getYear() > MAX_YEAR) {
                return null;
            }
            local = local.plusDays(days);
            if (local.getYear() < MIN_YEAR || local.getYear() > MAX_YEAR) {
                return null;
            }
            return nanos(c, GoTimeParser.epochNanos(local.toLocalDate(), local.getHour(), local.getMinute(),
                    local.getSecond(), local.getNano(), t.getOffset().getTotalSeconds()));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int int32(String fn, Value v) {
        NumberValue n = Args.number(fn, v);
        Long l = n.isInteger() ? n.toLong() : null;
        if (l == null || l != l.intValue()) {
            throw new BuiltinException("could not convert to int32");
        }
        return l.intValue();
    }
}
