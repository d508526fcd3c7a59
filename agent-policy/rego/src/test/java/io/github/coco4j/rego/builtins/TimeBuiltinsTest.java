package io.github.coco4j.rego.builtins;

import static io.github.coco4j.rego.builtins.BuiltinCalls.error;
import static io.github.coco4j.rego.builtins.BuiltinCalls.lax;
import static io.github.coco4j.rego.builtins.BuiltinCalls.strict;
import static io.github.coco4j.rego.builtins.BuiltinCalls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeBuiltinsTest {
    private static final long XMAS_EVE = 1_703_444_325_734_390_000L; // 2023-12-24T18:58:45.73439Z
    /** Wed Feb 4 21:00:57.0123456 PST 2009, the time of Go's formatting tests. */
    private static final long GO_REFERENCE = 1_233_810_057_012_345_600L;

    private static Value s(String text) {
        return StringValue.of(text);
    }

    private static Value n(long nanos) {
        return NumberValue.of(nanos);
    }

    private static long nanos(int y, int mo, int d, int h, int mi, int sec, int nano, int offsetHours) {
        OffsetDateTime t = OffsetDateTime.of(y, mo, d, h, mi, sec, nano, ZoneOffset.ofHours(offsetHours));
        return t.toEpochSecond() * 1_000_000_000L + nano;
    }

    private static String format(String layout) {
        Value r = strict("time.format", ArrayValue.of(n(GO_REFERENCE), s("PST8PDT"), s(layout)));
        return ((StringValue) r).value();
    }

    @Test
    void nowIsTheEvaluationClock() {
        assertEquals(n(1_700_000_000_000_000_000L), strict("time.now_ns"));
    }

    @Test
    void datesClocksAndWeekdaysInAZone() {
        assertEquals(v("[2023, 12, 24]"), strict("time.date", n(XMAS_EVE)));
        assertEquals(v("[18, 58, 45]"), strict("time.clock", n(XMAS_EVE)));
        assertEquals(v("[19, 58, 45]"), strict("time.clock", ArrayValue.of(n(XMAS_EVE), s("CET"))));
        assertEquals(v("[13, 58, 45]"), strict("time.clock", ArrayValue.of(n(XMAS_EVE), s("EST"))));
        assertEquals(v("[2023, 12, 25]"), strict("time.date", ArrayValue.of(n(XMAS_EVE), s("Pacific/Kiritimati"))));
        assertEquals(s("Sunday"), strict("time.weekday", ArrayValue.of(n(XMAS_EVE), s(""))));
        assertEquals(v("[1969, 12, 31]"), strict("time.date", n(-1)));
    }

    @Test
    void timeArgumentErrors() {
        assertEquals("`time.date` expects `ns` to be a `number` or `array[number, string]`. Got `\"1\"` instead",
                error("time.date", s("1")));
        assertEquals("`time.clock` expects `ns` to be a `number` or `array[number, string]`. Got `[1,2]` instead",
                error("time.clock", v("[1, 2]")));
        assertEquals("`time.format` expects 3rd element of `ns` to be a `string`. Got `42` instead",
                error("time.format", v("[1, 'UTC', 42]")));
        assertEquals("failed to parse timezone", error("time.date", v("[1, 'Mars/Olympus']")));
        assertEquals("could not convert numeric value of `ns` to int64", error("time.date", v("1.5")));
        assertEquals("could not convert numeric value of `ns` to int64", error("time.date", v("1e19")));
    }

    @Test
    void formatDefaultsToRfc3339WithTheShortestFraction() {
        assertEquals(s("2023-12-24T18:58:45.734390Z"), strict("time.format", n(XMAS_EVE)));
        assertEquals(s("2009-11-10T23:00:00Z"), strict("time.format", n(1_257_894_000_000_000_000L)));
        assertEquals(s("2009-11-11T00:00:00.001+01:00"),
                strict("time.format", ArrayValue.of(n(1_257_894_000_001_000_000L), s("Europe/Paris"))));
    }

    @Test
    void formatWithGoLayouts() {
        assertEquals("Wed Feb  4 21:00:57 2009", format("ANSIC"));
        // The zone is a fixed offset by then, so its name prints as the offset.
        assertEquals("Wed Feb  4 21:00:57 -08:00 2009", format("UnixDate"));
        assertEquals("Wed Feb 04 21:00:57 -0800 2009", format("RubyDate"));
        assertEquals("Wednesday, 04-Feb-09 21:00:57 -08:00", format("RFC850"));
        assertEquals("Wed, 04 Feb 2009 21:00:57 -0800", format("RFC1123Z"));
        assertEquals("2009-02-04T21:00:57-08:00", format("RFC3339"));
        assertEquals("2009-02-04T21:00:57.012345600-08:00", format("RFC3339Nano"));
        assertEquals("9:00PM", format("3:04PM"));
        assertEquals("9pm", format("3pm"));
        assertEquals("09 02 04", format("06 01 02"));
        assertEquals("Feb  4 21:00:57.012", format("Jan _2 15:04:05.000"));
        assertEquals("Feb  4 21:00:57.012345", format("Jan _2 15:04:05.000000"));
        assertEquals("Feb  4 21:00:57.012345600", format("Jan _2 15:04:05.000000000"));
        assertEquals("Feb  4 035  35 4", format("Jan  2 002 __2 2"));
        assertEquals("4 04  4  35", format("2 02 _2 __2"));
        assertEquals("Wed Wednesday", format("Mon Monday"));
        assertEquals("2009-02-04 21:00:57", format("2006-01-02 15:04:05"));
        assertEquals("-08 -08:00:00 -08:00:00 -0800", format("-07 -07:00:00 -070000 Z0700"));
    }

    @Test
    void anUnknownLayoutLetterEndsTheLayout() {
        assertEquals("2009 ", format("2006 Jul 02"));
        assertEquals("", format("Pacific"));
    }

    @Test
    void parseWithGoLayouts() {
        long pst = nanos(2010, 2, 4, 21, 0, 57, 0, -8);
        long naive = nanos(2010, 2, 4, 21, 0, 57, 0, 0);
        assertEquals(n(naive), strict("time.parse_ns", s("ANSIC"), s("Thu Feb  4 21:00:57 2010")));
        assertEquals(n(naive), strict("time.parse_ns", s("ANSIC"), s("thu FEB 4 21:00:57     2010")));
        assertEquals(n(pst), strict("time.parse_ns", s("UnixDate"), s("Thu Feb  4 21:00:57 PST 2010")));
        assertEquals(n(pst), strict("time.parse_ns", s("RubyDate"), s("Thu Feb 04 21:00:57 -0800 2010")));
        assertEquals(n(pst), strict("time.parse_ns", s("RFC850"), s("Thursday, 04-Feb-10 21:00:57 PST")));
        assertEquals(n(pst), strict("time.parse_ns", s("RFC3339"), s("2010-02-04T21:00:57-08:00")));
        assertEquals(n(nanos(2010, 2, 4, 21, 0, 57, 12_345_678, 0)),
                strict("time.parse_ns", s("2006-01-02 15:04:05"), s("2010-02-04 21:00:57.012345678")));
        assertEquals(n(nanos(2010, 2, 4, 21, 0, 57, 12_300_000, 0)),
                strict("time.parse_ns", s("Jan _2 2006 15:04:05.999"), s("Feb  4 2010 21:00:57.0123")));
        assertEquals(n(nanos(2010, 2, 4, 21, 0, 57, 0, 0)),
                strict("time.parse_ns", s("2006-002 15:04:05"), s("2010-035 21:00:57")));
        assertEquals(n(nanos(2020, 2, 2, 0, 0, 0, 0, 0)), strict("time.parse_ns", s("2006-01-02"), s("2020-02-02")));
        // A two-digit year alone is 1970-2069.
        assertEquals(n(nanos(1975, 1, 2, 0, 0, 0, 0, 0)), strict("time.parse_ns", s("06-01-02"), s("75-01-02")));
    }

    @Test
    void parseFailures() {
        assertEquals("Failed to parse datetime: no possible date and time matching input",
                error("time.parse_ns", s("Mon Jan _2 2006"), s("Fri Feb 4 2010")));
        assertEquals("Failed to parse datetime: input is not enough for unique date and time",
                error("time.parse_ns", s("2006-01"), s("2010-02")));
        assertEquals("Failed to parse datetime: input is not enough for unique date and time",
                error("time.parse_ns", s("2006-01-02 3:04"), s("2010-02-04 9:00")));
        assertEquals("Failed to parse datetime: input contains invalid characters",
                error("time.parse_ns", s("2006-01-02"), s("2010/02/04")));
        assertEquals("Failed to parse datetime: input is out of range",
                error("time.parse_ns", s("2006-01-02"), s("2010-02-30")));
        assertEquals("Failed to parse datetime: trailing input",
                error("time.parse_ns", s("2006-01-02"), s("2010-02-04 x")));
        assertEquals("`time.parse_ns` expects string argument. Got `1` instead", error("time.parse_ns", s("x"), v("1")));
    }

    @Test
    void timesOutsideTheNanosecondRangeAreUndefinedOrStrictErrors() {
        assertEquals("time outside of valid range", error("time.parse_ns", s("2006-01-02"), s("2263-01-01")));
        assertNull(lax("time.parse_ns", s("2006-01-02"), s("2263-01-01")));
    }

    @Test
    void rfc3339() {
        assertEquals(n(482_196_050_520_000_000L), strict("time.parse_rfc3339_ns", s("1985-04-12T23:20:50.52Z")));
        assertEquals(n(851_042_397_000_000_000L), strict("time.parse_rfc3339_ns", s("1996-12-19T16:39:57-08:00")));
        assertEquals(n(851_042_397_000_000_000L), strict("time.parse_rfc3339_ns", s("1996-12-19 16:39:57\u221208:00")));
        assertEquals(n(nanos(1990, 12, 31, 23, 59, 59, 0, 0) + 1_000_000_000L),
                strict("time.parse_rfc3339_ns", s("1990-12-31T23:59:60Z")));
        assertEquals("Failed to parse datetime: premature end of input", error("time.parse_rfc3339_ns", s("1985-04-12")));
        assertEquals("Failed to parse datetime: input contains invalid characters",
                error("time.parse_rfc3339_ns", s("1985-04-12T23:20:50+0100")));
        assertEquals("Failed to parse datetime: trailing input", error("time.parse_rfc3339_ns", s("1985-04-12T23:20:50Zx")));
    }

    @Test
    void durations() {
        String[][] cases = {
            {"0", "0"}, {"-0", "0"}, {"5s", "5000000000"}, {"+5s", "5000000000"}, {"-5s", "-5000000000"},
            {"5.6s", "5600000000"}, {"5.s", "5000000000"}, {".5s", "500000000"}, {"100.00100s", "100001000000"},
            {"10ns", "10"}, {"11us", "11000"}, {"12\u00b5s", "12000"}, {"12\u03bcs", "12000"}, {"13ms", "13000000"},
            {"15m", "900000000000"}, {"16h", "57600000000000"}, {"3h30m", "12600000000000"},
            {"-2m3.4s", "-123400000000"}, {"1h2m3s4ms5us6ns", "3723004005006"},
            {"1h6m13.3s20ms15\u00b5s1ns", "3973320015001"}, {"0.3333333333333333333h", "1200000000000"},
            {"9223372036854775807ns", "9223372036854775807"}, {"-9223372036854775808ns", "-9223372036854775808"},
            {"-2562047h47m16.854775808s", "-9223372036854775808"}, {"0.830103483285477580700h", "2988372539827"},
        };
        for (String[] c : cases) {
            assertEquals(v(c[1]), strict("time.parse_duration_ns", s(c[0])), c[0]);
        }
    }

    @Test
    void durationErrors() {
        assertEquals("invalid duration: ", error("time.parse_duration_ns", s("")));
        assertEquals("invalid duration: 3", error("time.parse_duration_ns", s("3")));
        assertEquals("invalid duration: -", error("time.parse_duration_ns", s("-")));
        assertEquals("invalid duration: .s", error("time.parse_duration_ns", s(".s")));
        assertEquals("unknown unit: 0", error("time.parse_duration_ns", s("1h30")));
        assertEquals("unknown unit: d", error("time.parse_duration_ns", s("1d")));
        assertEquals("invalid duration: 9223372036854775808ns", error("time.parse_duration_ns", s("9223372036854775808ns")));
        assertEquals("overflow", error("time.parse_duration_ns", s("99999999999999999999ns")));
        assertEquals("`time.parse_duration_ns` expects string argument. Got `100` instead",
                error("time.parse_duration_ns", v("100")));
    }

    @Test
    void diff() {
        assertEquals(v("[14, 1, 13, 19, 58, 45]"), strict("time.diff", n(XMAS_EVE), n(1_257_894_000_000_000_000L)));
        assertEquals(v("[14, 1, 13, 19, 58, 45]"), strict("time.diff", n(1_257_894_000_000_000_000L), n(XMAS_EVE)));
        long feb2 = nanos(2020, 2, 2, 0, 0, 0, 0, 0);
        long mar1 = nanos(2020, 3, 1, 0, 0, 0, 0, 0);
        assertEquals(v("[0, 0, 28, 0, 0, 0]"), strict("time.diff", n(feb2), n(mar1)));
    }

    @Test
    void addDate() {
        assertEquals(n(1_735_066_725_734_390_000L), strict("time.add_date", n(XMAS_EVE), v("1"), v("0"), v("0")));
        assertEquals(n(1_742_842_725_734_390_000L), strict("time.add_date", n(XMAS_EVE), v("0"), v("15"), v("0")));
        assertEquals(n(1_700_247_525_734_390_000L), strict("time.add_date", n(XMAS_EVE), v("0"), v("0"), v("-37")));
        assertEquals(n(2_062_436_325_734_390_000L), strict("time.add_date", n(XMAS_EVE), v("10"), v("14"), v("75")));
        // Month ends are clamped; February 29th has no counterpart in a common year.
        assertEquals(n(nanos(2023, 2, 28, 0, 0, 0, 0, 0)),
                strict("time.add_date", n(nanos(2023, 1, 31, 0, 0, 0, 0, 0)), v("0"), v("1"), v("0")));
        assertNull(strict("time.add_date", n(nanos(2024, 2, 29, 0, 0, 0, 0, 0)), v("1"), v("0"), v("0")));
        assertNull(strict("time.add_date", n(XMAS_EVE), v("2147483647"), v("0"), v("0")));
        assertEquals("time outside of valid range", error("time.add_date", n(XMAS_EVE), v("300"), v("0"), v("0")));
        assertEquals("could not convert to int32", error("time.add_date", n(XMAS_EVE), v("2147483648"), v("0"), v("0")));
    }
}
