package dev.strata.tls.crypto;

import dev.strata.tls.NamedGroup;
import dev.strata.tls.TlsAlertException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KEM;
import javax.crypto.KeyAgreement;

/**
 * Ephemeral key exchange for the named groups (RFC 8446 §4.2.8.2, §7.4; RFC 8422 §5.4;
 * draft-ietf-tls-ecdhe-mlkem §3): X25519, P-256, P-384 and the hybrid X25519MLKEM768.
 */
public final class KeyShares {

    /** DER prefix of an X.509 SubjectPublicKeyInfo for an X25519 key (RFC 8410), before the 32 raw octets. */
    private static final byte[] X25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b656e032100");
    /** DER prefix of a PKCS#8 PrivateKeyInfo for an X25519 key (RFC 8410), before the 32 raw octets. */
    private static final byte[] X25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b656e04220420");
    /** DER prefix of an X.509 SubjectPublicKeyInfo for an ML-KEM-768 key (FIPS 203, RFC 9935). */
    private static final byte[] MLKEM768_SPKI_PREFIX =
            HexFormat.of().parseHex("308204b2300b0609608648016503040402038204a100");

    /** ML-KEM-768 encapsulation key length. */
    public static final int MLKEM768_EK_LENGTH = 1184;
    /** ML-KEM-768 ciphertext length. */
    public static final int MLKEM768_CT_LENGTH = 1088;

    private KeyShares() {}

    /** One side's ephemeral key: the public value to send, and the agreement with the peer's value. */
    public interface Ephemeral {
        /** The group. */
        NamedGroup group();

        /** The encoded public value (for X25519MLKEM768 on the client: encapsulation key then X25519 share). */
        byte[] publicValue();

        /** The shared secret with the peer's encoded value; a malformed value is illegal_parameter. */
        byte[] agree(byte[] peerValue);
    }

    /**
     * The server's answer to a client share.
     *
     * @param serverShare the key_exchange octets for the ServerHello
     * @param sharedSecret the shared secret both sides now hold
     */
    public record Response(byte[] serverShare, byte[] sharedSecret) {}

    /** A fresh ephemeral key for {@code group}. */
    public static Ephemeral generate(NamedGroup group, SecureRandom random) {
        try {
            return switch (group.value()) {
                case 0x001D -> new Xdh(kpg("X25519", null, random).generateKeyPair());
                case 0x0017 -> new Ecdh(group, kpg("EC", "secp256r1", random).generateKeyPair(), 32);
                case 0x0018 -> new Ecdh(group, kpg("EC", "secp384r1", random).generateKeyPair(), 48);
                case 0x11EC ->
                    new Hybrid(
                            kpg("ML-KEM-768", null, random).generateKeyPair(),
                            new Xdh(kpg("X25519", null, random).generateKeyPair()));
                default -> throw TlsAlertException.illegal("unsupported group " + group);
            };
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internal("key generation for " + group, e);
        }
    }

    /** An X25519 key from its 32-octet private scalar, for known-answer tests (RFC 8448). */
    public static Ephemeral x25519FromPrivate(byte[] scalar) {
        try {
            KeyFactory kf = KeyFactory.getInstance("X25519");
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(Prf12.concat(X25519_PKCS8_PREFIX, scalar)));
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(priv);
            // The public key is the scalar times the base point u = 9 (RFC 7748 §6.1).
            byte[] base = new byte[32];
            base[0] = 9;
            PublicKey basePoint = kf.generatePublic(new X509EncodedKeySpec(Prf12.concat(X25519_SPKI_PREFIX, base)));
            ka.doPhase(basePoint, true);
            byte[] pub = ka.generateSecret();
            PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(Prf12.concat(X25519_SPKI_PREFIX, pub)));
            return new Xdh(new KeyPair(publicKey, priv));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad X25519 scalar", e);
        }
    }

    /** The server side of TLS 1.3 key exchange: answers {@code clientShare} for {@code group}. */
    public static Response respond(NamedGroup group, byte[] clientShare, SecureRandom random) {
        if (group.equals(NamedGroup.X25519MLKEM768)) {
            if (clientShare.length != MLKEM768_EK_LENGTH + 32) {
                throw TlsAlertException.illegal("X25519MLKEM768 client share of " + clientShare.length + " octets");
            }
            try {
                PublicKey ek = KeyFactory.getInstance("ML-KEM-768")
                        .generatePublic(new X509EncodedKeySpec(
                                Prf12.concat(MLKEM768_SPKI_PREFIX, Arrays.copyOf(clientShare, MLKEM768_EK_LENGTH))));
                KEM.Encapsulated enc =
                        KEM.getInstance("ML-KEM").newEncapsulator(ek, random).encapsulate();
                Ephemeral x = generate(NamedGroup.X25519, random);
                byte[] xss = x.agree(Arrays.copyOfRange(clientShare, MLKEM768_EK_LENGTH, clientShare.length));
                return new Response(
                        Prf12.concat(enc.encapsulation(), x.publicValue()),
                        Prf12.concat(enc.key().getEncoded(), xss));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new TlsAlertException(
                        dev.strata.tls.AlertDescription.ILLEGAL_PARAMETER, "bad ML-KEM-768 encapsulation key", e);
            }
        }
        Ephemeral e = generate(group, random);
        byte[] secret = e.agree(clientShare);
        return new Response(e.publicValue(), secret);
    }

    private static KeyPairGenerator kpg(String alg, String curve, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
        if (curve != null) {
            g.initialize(new ECGenParameterSpec(curve), random);
        } else {
            g.initialize(new NamedParameterSpec(alg), random);
        }
        return g;
    }

    /** X25519 (RFC 7748). */
    private record Xdh(KeyPair pair) implements Ephemeral {
        @Override
        public NamedGroup group() {
            return NamedGroup.X25519;
        }

        @Override
        public byte[] publicValue() {
            byte[] enc = pair.getPublic().getEncoded();
            return Arrays.copyOfRange(enc, enc.length - 32, enc.length);
        }

        @Override
        public byte[] agree(byte[] peer) {
            if (peer.length != 32) {
                throw TlsAlertException.illegal("X25519 share of " + peer.length + " octets");
            }
            try {
                PublicKey pk = KeyFactory.getInstance("X25519")
                        .generatePublic(new X509EncodedKeySpec(Prf12.concat(X25519_SPKI_PREFIX, peer)));
                KeyAgreement ka = KeyAgreement.getInstance("X25519");
                ka.init(pair.getPrivate());
                ka.doPhase(pk, true);
                byte[] s = ka.generateSecret();
                if (isZero(s)) {
                    // RFC 8446 §7.4.2: an all-zero X25519 secret means a small-order peer point.
                    throw TlsAlertException.illegal("X25519 shared secret is all zeros");
                }
                return s;
            } catch (GeneralSecurityException e) {
                throw new TlsAlertException(dev.strata.tls.AlertDescription.ILLEGAL_PARAMETER, "bad X25519 share", e);
            }
        }
    }

    /** ECDH over a NIST curve, uncompressed points (RFC 8446 §4.2.8.2). */
    private record Ecdh(NamedGroup group, KeyPair pair, int fieldLength) implements Ephemeral {
        @Override
        public byte[] publicValue() {
            ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
            return Prf12.concat(new byte[] {4}, fixed(w.getAffineX(), fieldLength), fixed(w.getAffineY(), fieldLength));
        }

        @Override
        public byte[] agree(byte[] peer) {
            if (peer.length != 1 + 2 * fieldLength || peer[0] != 4) {
                throw TlsAlertException.illegal(group + " share is not an uncompressed point");
            }
            try {
                ECParameterSpec params = ((ECPublicKey) pair.getPublic()).getParams();
                ECPoint w = new ECPoint(
                        new BigInteger(1, Arrays.copyOfRange(peer, 1, 1 + fieldLength)),
                        new BigInteger(1, Arrays.copyOfRange(peer, 1 + fieldLength, peer.length)));
                PublicKey pk = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
                KeyAgreement ka = KeyAgreement.getInstance("ECDH");
                ka.init(pair.getPrivate());
                ka.doPhase(pk, true); // the JDK checks that the point is on the curve
                return ka.generateSecret();
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new TlsAlertException(
                        dev.strata.tls.AlertDescription.ILLEGAL_PARAMETER, "bad " + group + " point", e);
            }
        }
    }

    /** X25519MLKEM768 on the client: ML-KEM-768 encapsulation key, then the X25519 share. */
    private record Hybrid(KeyPair mlkem, Xdh x25519) implements Ephemeral {
        @Override
        public NamedGroup group() {
            return NamedGroup.X25519MLKEM768;
        }

        @Override
        public byte[] publicValue() {
            byte[] enc = mlkem.getPublic().getEncoded();
            return Prf12.concat(
                    Arrays.copyOfRange(enc, enc.length - MLKEM768_EK_LENGTH, enc.length), x25519.publicValue());
        }

        @Override
        public byte[] agree(byte[] peer) {
            if (peer.length != MLKEM768_CT_LENGTH + 32) {
                throw TlsAlertException.illegal("X25519MLKEM768 server share of " + peer.length + " octets");
            }
            try {
                byte[] ss = KEM.getInstance("ML-KEM")
                        .newDecapsulator(mlkem.getPrivate())
                        .decapsulate(Arrays.copyOf(peer, MLKEM768_CT_LENGTH))
                        .getEncoded();
                byte[] xss = x25519.agree(Arrays.copyOfRange(peer, MLKEM768_CT_LENGTH, peer.length));
                return Prf12.concat(ss, xss);
            } catch (GeneralSecurityException e) {
                throw new TlsAlertException(
                        dev.strata.tls.AlertDescription.ILLEGAL_PARAMETER, "bad ML-KEM-768 ciphertext", e);
            }
        }
    }

    static boolean isZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }

    /** An unsigned big-endian integer in exactly {@code n} octets. */
    public static byte[] fixed(BigInteger v, int n) {
        byte[] b = v.toByteArray();
        if (b.length == n) {
            return b;
        }
        byte[] out = new byte[n];
        if (b.length > n) {
            System.arraycopy(b, b.length - n, out, 0, n);
        } else {
            System.arraycopy(b, 0, out, n - b.length, b.length);
        }
        return out;
    }
}
