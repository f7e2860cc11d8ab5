package dev.strata.pki;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one certificate's signature with its issuer's public key, and the strength of the keys involved.
 *
 * <p>The signed bytes are the certificate's TBSCertificate exactly as received, verified with the JCA algorithm the
 * signatureAlgorithm identifier names (RFC 5280 §4.1.1.3). A check that succeeded is remembered
 * ({@link VerifierMemo}), so that a chain seen again is not verified twice.
 */
final class SignatureCheck {

    /** RSA moduli below this many bits are refused (NIST SP 800-131A, CA/Browser Forum BR §6.1.5). */
    static final int MIN_RSA_BITS = 2048;

    private static final Set<String> STRONG_PSS_DIGESTS = Set.of("SHA-256", "SHA-384", "SHA-512");

    private SignatureCheck() {}

    /** Why {@code cert}'s signature does not verify under {@code issuerKey}, or empty when it does. */
    static Optional<VerificationResult.Invalid> verify(CertificateView cert, PublicKey issuerKey, int depth) {
        String where = "depth " + depth + " (" + cert.name() + "): ";
        Optional<VerificationResult.Invalid> weak = keyStrength(issuerKey, where + "issuer key: ");
        if (weak.isPresent()) {
            return weak;
        }
        String jcaName;
        switch (SignatureAlgorithms.forVerification(cert.signatureAlgorithmOid())) {
            case SignatureAlgorithms.Lookup.Accepted a -> jcaName = a.jcaName();
            case SignatureAlgorithms.Lookup.Weak w -> {
                return Optional.of(
                        invalid(FailureReason.WEAK_ALGORITHM, where + "signed with " + w.name() + ", refused as weak"));
            }
            case SignatureAlgorithms.Lookup.Unknown u -> {
                return Optional.of(invalid(
                        FailureReason.UNSUPPORTED_ALGORITHM,
                        where + "signature algorithm " + cert.signatureAlgorithmOid() + " is not supported"));
            }
        }
        java.nio.ByteBuffer memo = VerifierMemo.signatureKey(cert, issuerKey, jcaName);
        if (VerifierMemo.verifiedBefore(memo)) {
            return Optional.empty(); // the same bytes verified under the same key before
        }
        try {
            Signature verifier = Signature.getInstance(jcaName);
            if (jcaName.equals("RSASSA-PSS")) {
                Optional<PSSParameterSpec> spec = pssParameters(cert);
                if (spec.isEmpty()) {
                    return Optional.of(invalid(
                            FailureReason.WEAK_ALGORITHM,
                            where + "RSASSA-PSS without SHA-2 parameters, refused as weak"));
                }
                verifier.setParameter(spec.get());
            }
            verifier.initVerify(issuerKey);
            verifier.update(cert.tbs());
            if (verifier.verify(cert.signature())) {
                VerifierMemo.verified(memo);
                return Optional.empty();
            }
            return Optional.of(invalid(
                    FailureReason.BAD_SIGNATURE, where + "signature does not verify with the issuer's public key"));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of(invalid(
                    FailureReason.BAD_SIGNATURE,
                    where + "signature cannot be verified with the issuer's " + issuerKey.getAlgorithm() + " key ("
                            + e.getClass().getSimpleName() + ")"));
        }
    }

    /** Why {@code key} is too weak to trust, or empty. */
    static Optional<VerificationResult.Invalid> keyStrength(PublicKey key, String where) {
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            return Optional.of(invalid(
                    FailureReason.WEAK_KEY,
                    where + "RSA key of " + rsa.getModulus().bitLength() + " bits, below " + MIN_RSA_BITS));
        }
        return Optional.empty();
    }

    /** The RSASSA-PSS parameters (RFC 4055 §3.1), when present and using a SHA-2 digest and MGF1 with it. */
    private static Optional<PSSParameterSpec> pssParameters(CertificateView cert) throws GeneralSecurityException {
        if (cert.signatureAlgorithmParams().isEmpty()) {
            return Optional.empty(); // the defaults are SHA-1
        }
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
            params.init(cert.signatureAlgorithmParams().get());
            PSSParameterSpec spec = params.getParameterSpec(PSSParameterSpec.class);
            boolean strong = STRONG_PSS_DIGESTS.contains(spec.getDigestAlgorithm())
                    && spec.getMGFParameters() instanceof MGF1ParameterSpec mgf
                    && STRONG_PSS_DIGESTS.contains(mgf.getDigestAlgorithm());
            return strong ? Optional.of(spec) : Optional.empty();
        } catch (IOException e) {
            throw new GeneralSecurityException("malformed RSASSA-PSS parameters", e);
        }
    }

    private static VerificationResult.Invalid invalid(FailureReason reason, String detail) {
        return new VerificationResult.Invalid(reason, detail);
    }
}
