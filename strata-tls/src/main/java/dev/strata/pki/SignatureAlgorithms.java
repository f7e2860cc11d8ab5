package dev.strata.pki;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/**
 * The signature algorithms Strata signs certificates with and accepts on certificates it verifies.
 *
 * <p>Accepted: ECDSA with SHA-256/384/512 (RFC 5758 §3.2), RSA PKCS#1 v1.5 with SHA-256/384/512 (RFC 4055 §5),
 * RSASSA-PSS (RFC 4055 §3), Ed25519 and Ed448 (RFC 8410 §3). Refused as weak: anything with MD2, MD5 or SHA-1, as
 * TLS 1.3 refuses them in certificates (RFC 8446 §4.2.3) and browsers stopped accepting them.
 */
final class SignatureAlgorithms {

    /** The verdict on a signature algorithm identifier: a JCA name to verify with, weak, or unknown. */
    sealed interface Lookup {
        /** Verify with this JCA algorithm name (parameters come from the certificate for RSASSA-PSS). */
        record Accepted(String jcaName) implements Lookup {}

        /** A known algorithm Strata refuses, with its name for the failure detail. */
        record Weak(String name) implements Lookup {}

        /** An algorithm Strata does not know. */
        record Unknown() implements Lookup {}
    }

    static final String RSASSA_PSS_OID = "1.2.840.113549.1.1.10";

    private SignatureAlgorithms() {}

    /** How to verify signatures made with the algorithm {@code oid}. */
    static Lookup forVerification(String oid) {
        return switch (oid) {
            case "1.2.840.10045.4.3.2" -> new Lookup.Accepted("SHA256withECDSA");
            case "1.2.840.10045.4.3.3" -> new Lookup.Accepted("SHA384withECDSA");
            case "1.2.840.10045.4.3.4" -> new Lookup.Accepted("SHA512withECDSA");
            case "1.2.840.113549.1.1.11" -> new Lookup.Accepted("SHA256withRSA");
            case "1.2.840.113549.1.1.12" -> new Lookup.Accepted("SHA384withRSA");
            case "1.2.840.113549.1.1.13" -> new Lookup.Accepted("SHA512withRSA");
            case RSASSA_PSS_OID -> new Lookup.Accepted("RSASSA-PSS");
            case "1.3.101.112" -> new Lookup.Accepted("Ed25519");
            case "1.3.101.113" -> new Lookup.Accepted("Ed448");
            case "1.2.840.113549.1.1.2" -> new Lookup.Weak("md2WithRSAEncryption");
            case "1.2.840.113549.1.1.4" -> new Lookup.Weak("md5WithRSAEncryption");
            case "1.2.840.113549.1.1.5" -> new Lookup.Weak("sha1WithRSAEncryption");
            case "1.2.840.10045.4.1" -> new Lookup.Weak("ecdsa-with-SHA1");
            case "1.2.840.10040.4.3" -> new Lookup.Weak("dsa-with-sha1");
            default -> new Lookup.Unknown();
        };
    }

    /**
     * The JCA algorithm Strata signs certificates with when the issuer holds {@code key}: the hash matched to the
     * curve size for ECDSA (RFC 5758 §3.2), SHA-256 with PKCS#1 v1.5 for RSA, PureEdDSA for Edwards curves.
     */
    static Optional<String> forSigning(Key key) {
        return switch (key) {
            case ECKey ec -> {
                int bits = ec.getParams().getCurve().getField().getFieldSize();
                yield Optional.of(
                        bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA");
            }
            case RSAKey rsa when key.getAlgorithm().equals("RSA") -> Optional.of("SHA256withRSA");
            case EdECKey ed -> Optional.of(ed.getParams().getName());
            default -> Optional.empty();
        };
    }
}
