package io.github.coco4j.cdh.image.layer;

import io.github.coco4j.cdh.image.stream.CheckedFilterInputStream;
import io.github.coco4j.cdh.image.reference.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A stream hashed as it is read, refused past {@code maxBytes}, and checked against its digest at
 * end of stream: nothing downstream ever sees the end of content that does not match.
 */
public final class VerifiedInputStream extends CheckedFilterInputStream {
    private final Digest expected;
    private final long maxBytes;
    private final String what;
    private final MessageDigest hasher;
    private long count;
    private boolean verified;

    /** @param what how errors name the content ("blob sha256:…", "layer 2 (uncompressed)") */
    public VerifiedInputStream(InputStream in, Digest expected, long maxBytes, String what) {
        super(in);
        this.expected = expected;
        this.maxBytes = maxBytes;
        this.what = what;
        this.hasher = expected.newHasher();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            verify();
            return -1;
        }
        count += n;
        if (count > maxBytes) {
            throw new IOException(what + " is larger than " + maxBytes + " bytes");
        }
        hasher.update(b, off, n);
        return n;
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        if (!expected.matches(hasher)) {
            throw new IOException(what + " does not match its digest " + expected);
        }
        verified = true;
    }

    /** Reads what is left so the digest is checked even when the consumer stopped early (tar's trailing zero blocks). */
    public void drainAndVerify() throws IOException {
        skip(Long.MAX_VALUE);
    }

    public long count() {
        return count;
    }
}
