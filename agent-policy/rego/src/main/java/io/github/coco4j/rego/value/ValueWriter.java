package io.github.coco4j.rego.value;

/** Text forms of values: compact JSON, and the form {@code print} uses. */
public final class ValueWriter {
    private ValueWriter() {
    }

    /** Compact JSON; sets become arrays and non-string object keys their JSON text. */
    public static void json(Value value, StringBuilder out) {
        if (value instanceof StringValue s) {
            quote(s.value(), out);
        } else if (value instanceof NumberValue n) {
            out.append(n.text());
        } else if (value instanceof BoolValue b) {
            out.append(b.value());
        } else if (value instanceof NullValue) {
            out.append("null");
        } else if (value instanceof ArrayValue a) {
            out.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(a.get(i), out);
            }
            out.append(']');
        } else if (value instanceof SetValue s) {
            out.append('[');
            for (int i = 0; i < s.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(s.get(i), out);
            }
            out.append(']');
        } else {
            ObjectValue o = (ObjectValue) value;
            out.append('{');
            for (int i = 0; i < o.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Value key = o.keyAt(i);
                quote(key instanceof StringValue s ? s.value() : key.toString(), out);
                out.append(':');
                json(o.valueAt(i), out);
            }
            out.append('}');
        }
    }

    /**
     * The {@code print} form: strings at the top level unquoted; composites with ", " and ": "
     * separators, sets in braces; scalars inside composites as JSON.
     */
    public static String printable(Value value) {
        if (value instanceof StringValue s) {
            return s.value();
        }
        StringBuilder out = new StringBuilder();
        printableInner(value, out);
        return out.toString();
    }

    /** Appends the {@code print} form of {@code value} to {@code out}. */
    public static void printable(Value value, StringBuilder out) {
        if (value instanceof StringValue s) {
            out.append(s.value());
        } else {
            printableInner(value, out);
        }
    }

    private static void printableInner(Value value, StringBuilder out) {
        if (value instanceof ArrayValue a) {
            out.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                printableInner(a.get(i), out);
            }
            out.append(']');
        } else if (value instanceof SetValue s) {
            out.append('{');
            for (int i = 0; i < s.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                printableInner(s.get(i), out);
            }
            out.append('}');
        } else if (value instanceof ObjectValue o) {
            out.append('{');
            for (int i = 0; i < o.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                printableInner(o.keyAt(i), out);
                out.append(": ");
                printableInner(o.valueAt(i), out);
            }
            out.append('}');
        } else {
            json(value, out);
        }
    }

    /** A JSON string literal, escaped as serde_json escapes. */
    public static void quote(String s, StringBuilder out) {
        out.append('"');
        // Most strings need no escape: their clean start is copied in one piece.
        int clean = 0;
        while (clean < s.length() && !needsEscape(s.charAt(clean))) {
            clean++;
        }
        out.append(s, 0, clean);
        for (int i = clean; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }
}
