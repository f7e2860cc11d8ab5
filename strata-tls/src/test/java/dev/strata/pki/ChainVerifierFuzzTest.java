package dev.strata.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Hostile bytes never make the verifier throw, and no change to a signed certificate keeps it valid. */
class ChainVerifierFuzzTest {

    private static final CertificateAuthority INTER = Fixtures.Ec.INTERMEDIATE;
    private static final TrustAnchors ANCHORS = Fixtures.Ec.ROOT.trustAnchors();
    private static final byte[] LEAF = encoded(INTER.issueServer(List.of("fuzz.example.test"), KeyType.EC_P256));
    private static final byte[] INTER_DER = encoded(INTER.certificate());

    private static byte[] encoded(IssuedCertificate c) {
        return encoded(c.certificate());
    }

    private static byte[] encoded(java.security.cert.X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 2000)
    void anyChangeToTheLeafMakesItInvalid(
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] der = LEAF.clone();
        der[position % der.length] ^= (byte) xor;
        VerificationResult r = ChainVerifier.verifyDer(
                List.of(der, INTER_DER), ANCHORS, Fixtures.NOW, Purpose.SERVER_AUTH, "fuzz.example.test");
        assertThat(r).isInstanceOf(VerificationResult.Invalid.class);
    }

    @Property(tries = 1000)
    void anyChangeToTheIntermediateMakesTheChainInvalid(
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] der = INTER_DER.clone();
        der[position % der.length] ^= (byte) xor;
        VerificationResult r = ChainVerifier.verifyDer(
                List.of(LEAF, der), ANCHORS, Fixtures.NOW, Purpose.SERVER_AUTH, "fuzz.example.test");
        assertThat(r).isInstanceOf(VerificationResult.Invalid.class);
    }

    @Property(tries = 500)
    void truncationsAndRandomBytesAreMalformed(
            @ForAll @IntRange(min = 0, max = 10_000) int cut, @ForAll @Size(max = 600) byte[] noise) {
        byte[] truncated = Arrays.copyOf(LEAF, cut % LEAF.length);
        for (byte[] der : List.of(truncated, noise)) {
            VerificationResult r =
                    ChainVerifier.verifyDer(List.of(der), ANCHORS, Fixtures.NOW, Purpose.SERVER_AUTH, null);
            assertThat(r)
                    .isInstanceOfSatisfying(
                            VerificationResult.Invalid.class,
                            i -> assertThat(i.reason()).isEqualTo(FailureReason.MALFORMED));
        }
    }
}
