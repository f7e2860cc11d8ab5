package dev.strata.tls.handshake;

import dev.strata.tls.AlertDescription;
import dev.strata.tls.CertificateVerifier;
import dev.strata.tls.CipherSuite;
import dev.strata.tls.Role;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.Verdict;
import dev.strata.tls.crypto.KeySchedule13;
import dev.strata.tls.message.CertificateMessage;
import dev.strata.tls.record.RecordCipher;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Helpers the handshake states of both versions share: certificates, trust verdicts, traffic ciphers. */
final class Handshakes {

    private Handshakes() {}

    /** The TLS 1.3 record cipher for a traffic secret (RFC 8446 §7.3). */
    static RecordCipher cipher13(KeySchedule13 ks, CipherSuite suite, byte[] secret) {
        return RecordCipher.tls13(
                suite.aead(), ks.trafficKey(secret, suite.aead().keyLength()), ks.trafficIv(secret));
    }

    /** Parses a Certificate message's entries as X.509 certificates; a bad one is bad_certificate. */
    static List<X509Certificate> parseChain(CertificateMessage m) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (CertificateMessage.Entry e : m.entries()) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(e.certData())));
            }
            return List.copyOf(out);
        } catch (CertificateException | ClassCastException e) {
            throw new TlsAlertException(
                    AlertDescription.BAD_CERTIFICATE, "unparseable certificate: " + e.getMessage(), e);
        }
    }

    /** The entries of a Certificate message for {@code chain}. */
    static List<CertificateMessage.Entry> entries(List<X509Certificate> chain) {
        List<CertificateMessage.Entry> out = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                out.add(new CertificateMessage.Entry(c.getEncoded(), List.of()));
            } catch (CertificateEncodingException e) {
                throw TlsAlertException.internal("encoding our certificate", e);
            }
        }
        return out;
    }

    /** Asks the verifier about a peer chain; a rejection becomes its alert. */
    static void checkTrust(CertificateVerifier verifier, List<X509Certificate> chain, String name, Role peerRole) {
        Verdict v;
        try {
            v = verifier.verify(chain, name, peerRole);
        } catch (RuntimeException e) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "certificate verifier failed: " + e, e);
        }
        if (v instanceof Verdict.Rejected r) {
            throw new TlsAlertException(r.alert(), "certificate rejected: " + r.reason());
        }
    }

    /** Constant-time comparison of a received MAC with the expected one. */
    static boolean macEquals(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }

    /** True when {@code host} is an IPv4 or IPv6 literal (which SNI must not carry, RFC 6066 §3). */
    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
