package dev.strata.pki;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the verifier already worked out for byte-identical input, so that a server's chain seen again costs no second
 * parse and no second signature check: the decoded {@link CertificateView} of a DER encoding, and the signature
 * checks that succeeded.
 *
 * <p>A signature check is a pure function of the signed bytes, the signature, the algorithm and the issuer's key;
 * only successes are remembered, under a SHA-256 of all four, so a hit is exactly as trustworthy as the check it
 * stands for. Validity periods, constraints, usages and names are checked on every verification: they depend on the
 * time and the purpose. Both memos are bounded (least recently used entries go first) and thread-safe. The JDK's
 * certificate factory and {@code X509CertImpl} keep similar caches.
 */
final class VerifierMemo {

    /** Entries each memo keeps. */
    static final int CAPACITY = 512;

    private static final Map<ByteBuffer, CertificateView> VIEWS = lru();
    private static final Map<ByteBuffer, Boolean> GOOD_SIGNATURES = lru();

    private VerifierMemo() {}

    private static <V> Map<ByteBuffer, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, V> eldest) {
                return size() > CAPACITY;
            }
        };
    }

    /** The view of {@code certificate}, parsed once per distinct encoding. */
    static CertificateView view(X509Certificate certificate) throws CertificateException {
        ByteBuffer key;
        try {
            key = ByteBuffer.wrap(certificate.getEncoded());
        } catch (CertificateException e) {
            throw new CertificateException("cannot encode: " + e.getMessage(), e);
        }
        synchronized (VIEWS) {
            CertificateView v = VIEWS.get(key);
            if (v != null) {
                return v;
            }
        }
        CertificateView v = CertificateView.parse(certificate);
        synchronized (VIEWS) {
            VIEWS.put(key, v);
        }
        return v;
    }

    /** The memo key of a signature check. */
    static ByteBuffer signatureKey(CertificateView cert, PublicKey issuerKey, String algorithm) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            update(d, cert.tbs());
            update(d, cert.signature());
            update(d, issuerKey.getEncoded());
            update(d, algorithm.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.wrap(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void update(MessageDigest d, byte[] part) {
        d.update(ByteBuffer.allocate(4).putInt(part == null ? -1 : part.length).array());
        if (part != null) {
            d.update(part);
        }
    }

    /** True when the check with this key succeeded before. */
    static boolean verifiedBefore(ByteBuffer key) {
        synchronized (GOOD_SIGNATURES) {
            return GOOD_SIGNATURES.containsKey(key);
        }
    }

    /** Remembers that the check with this key succeeded. */
    static void verified(ByteBuffer key) {
        synchronized (GOOD_SIGNATURES) {
            GOOD_SIGNATURES.put(key, Boolean.TRUE);
        }
    }
}
