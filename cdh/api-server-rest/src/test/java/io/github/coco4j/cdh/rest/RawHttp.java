package io.github.coco4j.cdh.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads HTTP/1.1 responses off a socket byte by byte, to see exactly what the server sends on one connection. */
final class RawHttp {
    record Response(String statusLine, String headers, byte[] body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String version() {
            return statusLine.split(" ")[0];
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** One response (status line, headers, Content-Length body); null when the server closed the connection. */
    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] so = head.toByteArray();
            int n = so.length;
            if (n >= 4 && so[n - 4] == '\r' && so[n - 3] == '\n' && so[n - 2] == '\r' && so[n - 1] == '\n') {
                break;
            }
        }
        if (head.size() == 0) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int firstLineEnd = text.indexOf("\r\n");
        String statusLine = text.substring(0, firstLineEnd);
        String headers = text.substring(firstLineEnd + 2);
        Response response = new Response(statusLine, headers, new byte[0]);
        String length = response.header("content-length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length.toLowerCase(Locale.ROOT)));
        return new Response(statusLine, headers, body);
    }
}
