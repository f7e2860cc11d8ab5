package dev.strata.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PEM text (RFC 7468) for certificates and private keys.
 *
 * <p>Writes certificates as {@code CERTIFICATE} blocks and private keys as unencrypted PKCS#8 {@code PRIVATE KEY}
 * blocks (RFC 5208, RFC 5958). Reads those, any number of certificates in one bundle (text between blocks, such as
 * {@code openssl x509 -text} output, is skipped), and the legacy OpenSSL key forms {@code EC PRIVATE KEY} (RFC
 * 5915) and {@code RSA PRIVATE KEY} (RFC 8017 §A.1.2). Encrypted keys are refused with a clear message.
 */
public final class Pem {

    /** Inputs larger than this are refused (a bundle of every public root CA is about 250 KiB). */
    public static final int MAX_TEXT_LENGTH = 8 * 1024 * 1024;

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private Pem() {}

    /** One PEM block: its label and the bytes its base64 body decodes to. */
    record Block(String label, byte[] der) {}

    /** A certificate as one {@code CERTIFICATE} block ending in a newline. */
    public static String encode(X509Certificate certificate) {
        try {
            return block(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** Several certificates as consecutive {@code CERTIFICATE} blocks, in list order. */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certificates) {
            sb.append(encode(c));
        }
        return sb.toString();
    }

    /** A private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public static String encode(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("key has no PKCS#8 encoding: " + key.getFormat());
        }
        return block(PRIVATE_KEY, key.getEncoded());
    }

    /**
     * Every certificate in {@code text}, in order.
     *
     * @throws PemException when there is none, or one does not decode
     */
    public static List<X509Certificate> readCertificates(String text) throws PemException {
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks(text)) {
            if (b.label().equals(CERTIFICATE) || b.label().equals("X509 CERTIFICATE")) {
                try {
                    out.add(Der.decodeCertificate(b.der()));
                } catch (CertificateException e) {
                    throw new PemException("certificate " + (out.size() + 1) + " is malformed: " + e.getMessage(), e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new PemException("no CERTIFICATE block found");
        }
        return List.copyOf(out);
    }

    /**
     * The first private key in {@code text}.
     *
     * @throws PemException when there is none, it is encrypted, or it does not decode
     */
    public static PrivateKey readPrivateKey(String text) throws PemException {
        for (Block b : blocks(text)) {
            switch (b.label()) {
                case PRIVATE_KEY -> {
                    return fromPkcs8(b.der());
                }
                case "EC PRIVATE KEY" -> {
                    return fromPkcs8(wrapSec1(b.der()));
                }
                case "RSA PRIVATE KEY" -> {
                    return fromPkcs8(wrapPkcs1(b.der()));
                }
                case "ENCRYPTED PRIVATE KEY" ->
                    throw new PemException("the private key is encrypted; give an unencrypted PKCS#8 key");
                default -> {}
            }
        }
        throw new PemException("no PRIVATE KEY block found");
    }

    /** {@link #readCertificates(String)} on the file at {@code path}. */
    public static List<X509Certificate> readCertificates(Path path) throws PemException {
        return readCertificates(readText(path));
    }

    /** {@link #readPrivateKey(String)} on the file at {@code path}. */
    public static PrivateKey readPrivateKey(Path path) throws PemException {
        return readPrivateKey(readText(path));
    }

    /** Writes {@code certificates} to {@code path} as PEM, replacing the file. */
    public static void writeCertificates(Path path, List<X509Certificate> certificates) throws IOException {
        Files.writeString(path, encodeCertificates(certificates), StandardCharsets.US_ASCII);
    }

    /**
     * Writes {@code key} to {@code path} as PKCS#8 PEM, replacing the file; on POSIX file systems the file is
     * readable and writable by its owner only (mode 0600) from the moment it is created.
     */
    public static void writePrivateKey(Path path, PrivateKey key) throws IOException {
        byte[] text = encode(key).getBytes(StandardCharsets.US_ASCII);
        Files.deleteIfExists(path);
        if (path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            Files.createFile(path, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        Files.write(path, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The PEM blocks in {@code text}; text outside blocks is ignored (RFC 7468 §2). */
    static List<Block> blocks(String text) throws PemException {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new PemException("PEM text of " + text.length() + " characters is larger than " + MAX_TEXT_LENGTH);
        }
        List<Block> out = new ArrayList<>();
        String label = null;
        StringBuilder body = new StringBuilder();
        int lineNo = 0;
        for (String raw : text.lines().toList()) {
            lineNo++;
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16) {
                    label = line.substring(11, line.length() - 5);
                    body.setLength(0);
                }
                continue;
            }
            if (line.startsWith("-----END ")) {
                if (!line.equals("-----END " + label + "-----")) {
                    throw new PemException("line " + lineNo + ": END does not match BEGIN " + label);
                }
                try {
                    out.add(new Block(label, Base64.getDecoder().decode(body.toString())));
                } catch (IllegalArgumentException e) {
                    throw new PemException("line " + lineNo + ": bad base64 in the " + label + " block", e);
                }
                label = null;
                continue;
            }
            if (line.indexOf(':') >= 0) {
                throw new PemException("line " + lineNo + ": PEM headers (legacy encryption) are not supported");
            }
            body.append(line);
        }
        if (label != null) {
            throw new PemException("the " + label + " block has no END line");
        }
        return out;
    }

    private static String block(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    private static String readText(Path path) throws PemException {
        try {
            long size = Files.size(path);
            if (size > MAX_TEXT_LENGTH) {
                throw new PemException(path + ": " + size + " bytes is larger than " + MAX_TEXT_LENGTH);
            }
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new PemException(
                    path + ": cannot read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey fromPkcs8(byte[] der) throws PemException {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
            String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
            String algorithm = switch (oid) {
                case "1.2.840.113549.1.1.1" -> "RSA";
                case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
                case "1.2.840.10045.2.1" -> "EC";
                case "1.3.101.112" -> "Ed25519";
                case "1.3.101.113" -> "Ed448";
                case "1.3.101.110" -> "X25519";
                case "1.3.101.111" -> "X448";
                default -> throw new PemException("private key algorithm " + oid + " is not supported");
            };
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PemException("the private key is malformed: " + e.getMessage(), e);
        }
    }

    private static byte[] wrapSec1(byte[] der) throws PemException {
        try {
            ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
            if (sec1.getParametersObject() == null) {
                throw new PemException("the EC private key does not name its curve");
            }
            return new PrivateKeyInfo(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()),
                            sec1)
                    .getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new PemException("the EC private key is malformed: " + e.getMessage(), e);
        }
    }

    private static byte[] wrapPkcs1(byte[] der) throws PemException {
        try {
            RSAPrivateKey pkcs1 = RSAPrivateKey.getInstance(der);
            return new PrivateKeyInfo(
                            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), pkcs1)
                    .getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new PemException("the RSA private key is malformed: " + e.getMessage(), e);
        }
    }
}
