package dev.strata.tls.crypto;

import dev.strata.tls.SignatureScheme;
import dev.strata.tls.TlsAlertException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.List;

/** Handshake signatures with the JCA: scheme to algorithm mapping, signing, verifying and scheme choice. */
public final class Signatures {

    private static final String SERVER_CONTEXT = "TLS 1.3, server CertificateVerify";
    private static final String CLIENT_CONTEXT = "TLS 1.3, client CertificateVerify";

    private Signatures() {}

    /**
     * The content a TLS 1.3 CertificateVerify signs (RFC 8446 §4.4.3): 64 spaces, the context string, a zero octet
     * and the transcript hash.
     */
    public static byte[] tls13Content(boolean server, byte[] transcriptHash) {
        byte[] context = (server ? SERVER_CONTEXT : CLIENT_CONTEXT).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, out, 64, context.length);
        System.arraycopy(transcriptHash, 0, out, 64 + context.length + 1, transcriptHash.length);
        return out;
    }

    private static Signature instance(SignatureScheme scheme) throws GeneralSecurityException {
        return switch (scheme.value()) {
            case 0x0401 -> Signature.getInstance("SHA256withRSA");
            case 0x0501 -> Signature.getInstance("SHA384withRSA");
            case 0x0601 -> Signature.getInstance("SHA512withRSA");
            case 0x0403 -> Signature.getInstance("SHA256withECDSA");
            case 0x0503 -> Signature.getInstance("SHA384withECDSA");
            case 0x0804 -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
            case 0x0805 -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
            case 0x0806 -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
            case 0x0807 -> Signature.getInstance("Ed25519");
            default -> throw new GeneralSecurityException("unsupported signature scheme " + scheme);
        };
    }

    private static Signature pss(String hash, MGF1ParameterSpec mgf, int saltLength) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        // RFC 8446 §4.2.3: the salt length equals the digest length; MGF1 uses the same hash.
        s.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, saltLength, 1));
        return s;
    }

    /** Signs {@code data}. */
    public static byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] data, SecureRandom random) {
        try {
            Signature s = instance(scheme);
            s.initSign(key, random);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internal("signing with " + scheme, e);
        }
    }

    /** True when {@code signature} over {@code data} verifies with {@code key}; any JCA error counts as false. */
    public static boolean verify(SignatureScheme scheme, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = instance(scheme);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True when {@code scheme} fits {@code key}: the key algorithm, and in TLS 1.3 the ECDSA curve the scheme names
     * (RFC 8446 §4.2.3).
     */
    public static boolean fits(SignatureScheme scheme, Key key, boolean tls13) {
        String alg = key.getAlgorithm();
        return switch (scheme.keyAlgorithm()) {
            case "EC" -> key instanceof ECKey ec && (!tls13 || curveBits(ec) == (scheme.value() == 0x0403 ? 256 : 384));
            case "Ed25519" -> alg.equals("Ed25519") || alg.equals("EdDSA");
            default -> key instanceof RSAKey && (alg.equals("RSA"));
        };
    }

    private static int curveBits(ECKey key) {
        return key.getParams().getCurve().getField().getFieldSize();
    }

    /**
     * The first scheme of {@code ours} that the peer offered, that fits {@code key} and that the version allows, or
     * null when there is none.
     */
    public static SignatureScheme choose(
            List<SignatureScheme> ours, List<SignatureScheme> peerOffered, Key key, boolean tls13) {
        for (SignatureScheme s : ours) {
            if (peerOffered.contains(s) && fits(s, key, tls13) && (!tls13 || s.allowedInTls13())) {
                return s;
            }
        }
        return null;
    }
}
