package dev.strata.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue-then-verify round trips for every key type, and the fields RFC 5280 asks of each certificate. */
class IssuanceTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void serverChainOfEveryKeyTypeVerifiesForItsNamesAndAddresses(KeyType type) throws Exception {
        CertificateAuthority root = Fixtures.root("Root " + type, type);
        CertificateAuthority inter = root.createIntermediate("Intermediate " + type, type);
        IssuedCertificate server = inter.issueServer(List.of("www.example.test", "192.0.2.10", "2001:db8::10"), type);

        TrustAnchors anchors = root.trustAnchors();
        for (String name :
                List.of("www.example.test", "WWW.Example.TEST.", "192.0.2.10", "2001:db8:0::10", "[2001:db8::10]")) {
            VerificationResult r = Fixtures.verifyServer(server.chain(), anchors, name);
            assertThat(r).as(name).isInstanceOf(VerificationResult.Valid.class);
            assertThat(((VerificationResult.Valid) r).path())
                    .containsExactly(server.certificate(), inter.certificate(), root.certificate());
        }
        assertThat(server.chain()).containsExactly(server.certificate(), inter.certificate());
        assertThat(server.keyPair().getPublic()).isEqualTo(server.certificate().getPublicKey());
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void clientCertificateOfEveryKeyTypeVerifiesForClientAuthOnly(KeyType type) {
        CertificateAuthority inter = Fixtures.Ec.INTERMEDIATE;
        IssuedCertificate client = inter.issueClient("alice", type);
        TrustAnchors anchors = Fixtures.Ec.ROOT.trustAnchors();

        assertThat(ChainVerifier.verify(client.chain(), anchors, Fixtures.NOW, Purpose.CLIENT_AUTH, null)
                        .isValid())
                .isTrue();
        assertThat(ChainVerifier.verify(client.chain(), anchors, Fixtures.NOW, Purpose.SERVER_AUTH, null))
                .isInstanceOfSatisfying(
                        VerificationResult.Invalid.class,
                        i -> assertThat(i.reason()).isEqualTo(FailureReason.EXTENDED_KEY_USAGE));
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void certificatesCarryTheProfileFields(KeyType type) throws Exception {
        CertificateAuthority root = Fixtures.root("Fields " + type, type);
        CertificateAuthority inter = root.createIntermediate("Fields Intermediate " + type, type);
        IssuedCertificate server = inter.issueServer(List.of("api.example.test", "198.51.100.7"), type);
        X509Certificate leaf = server.certificate();

        // Signature algorithm follows the issuer's key type.
        String expectedSigOid = switch (type) {
            case EC_P256 -> "1.2.840.10045.4.3.2";
            case RSA_2048, RSA_3072 -> "1.2.840.113549.1.1.11";
            case ED25519 -> "1.3.101.112";
        };
        assertThat(leaf.getSigAlgOID()).isEqualTo(expectedSigOid);
        assertThat(inter.certificate().getSigAlgOID()).isEqualTo(expectedSigOid);
        assertThat(root.certificate().getSigAlgOID()).isEqualTo(expectedSigOid);

        assertThat(leaf.getVersion()).isEqualTo(3);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=api.example.test");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(inter.certificate().getSubjectX500Principal());
        assertThat(leaf.getSubjectAlternativeNames())
                .containsExactly(List.of(2, "api.example.test"), List.of(7, "198.51.100.7"));
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        boolean[] ku = leaf.getKeyUsage();
        assertThat(ku[0]).as("digitalSignature").isTrue();
        assertThat(ku[2])
                .as("keyEncipherment only for RSA")
                .isEqualTo(type == KeyType.RSA_2048 || type == KeyType.RSA_3072);
        assertThat(ku[5]).as("keyCertSign").isFalse();
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");

        assertThat(inter.certificate().getBasicConstraints())
                .as("intermediate pathLen 0")
                .isEqualTo(0);
        assertThat(root.certificate().getBasicConstraints())
                .as("root: no limit")
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(inter.certificate().getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(inter.certificate().getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(inter.certificate().getExtendedKeyUsage()).isNull();

        // Key identifiers link each certificate to its issuer (RFC 5280 §4.2.1.1, §4.2.1.2).
        assertThat(aki(leaf)).isEqualTo(ski(inter.certificate()));
        assertThat(aki(inter.certificate())).isEqualTo(ski(root.certificate()));
        assertThat(aki(root.certificate())).isEqualTo(ski(root.certificate()));
        assertThat(ski(leaf))
                .isEqualTo(CertificateSigner.keyIdentifier(leaf.getPublicKey()))
                .hasSize(20);

        // Positive serials of at most 20 octets, all distinct.
        for (X509Certificate c : List.of(leaf, inter.certificate(), root.certificate())) {
            BigInteger serial = c.getSerialNumber();
            assertThat(serial.signum()).isEqualTo(1);
            assertThat(serial.toByteArray().length).isLessThanOrEqualTo(20);
        }
        assertThat(List.of(
                        leaf.getSerialNumber(),
                        inter.certificate().getSerialNumber(),
                        root.certificate().getSerialNumber()))
                .doesNotHaveDuplicates();

        // Validity: the fixed clock, backdated one hour; the intermediate ends no later than the root.
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(Fixtures.CREATED.minus(CertificateAuthority.BACKDATE));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(Fixtures.CREATED.plus(CertificateAuthority.LEAF_VALIDITY));
        assertThat(inter.certificate().getNotAfter())
                .isBeforeOrEqualTo(root.certificate().getNotAfter());
    }

    @org.junit.jupiter.api.Test
    void serialNumbersHaveAtLeast64BitsOfEntropy() {
        // 127 random bits each: over 2000 draws, the top-bit positions spread and none repeat.
        var random = Fixtures.seeded(7);
        var serials = new java.util.HashSet<BigInteger>();
        int longest = 0;
        for (int i = 0; i < 2000; i++) {
            BigInteger s = SerialNumbers.random(random);
            assertThat(s.signum()).isEqualTo(1);
            assertThat(s.bitLength()).isLessThanOrEqualTo(SerialNumbers.ENTROPY_BITS);
            longest = Math.max(longest, s.bitLength());
            serials.add(s);
        }
        assertThat(serials).hasSize(2000);
        assertThat(longest).isEqualTo(127);
        assertThat(SerialNumbers.ENTROPY_BITS).isGreaterThanOrEqualTo(64);
    }

    @org.junit.jupiter.api.Test
    void sameSeedAndClockGiveTheSameCertificatesByteForByte() throws Exception {
        for (KeyType type : List.of(KeyType.EC_P256, KeyType.ED25519)) {
            byte[][] runs = new byte[2][];
            for (int run = 0; run < 2; run++) {
                CertificateAuthority root =
                        CertificateAuthority.createRoot("Det", type, Fixtures.seeded(42), Fixtures.CLOCK);
                runs[run] = root.createIntermediate("Det I", type)
                        .issueServer(List.of("det.example.test"), type)
                        .certificate()
                        .getEncoded();
            }
            assertThat(Arrays.equals(runs[0], runs[1])).as(type.toString()).isTrue();
        }
    }

    private static byte[] ski(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
                .getKeyIdentifier();
    }

    private static byte[] aki(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return AuthorityKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(ext).getOctets())
                .getKeyIdentifierOctets();
    }
}
