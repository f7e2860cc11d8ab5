package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tls.codec.Reader;
import dev.strata.tls.message.ClientHello;
import dev.strata.tls.message.Extension;
import dev.strata.tls.message.HandshakeCodec;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.message.KeyShare;
import dev.strata.tls.message.ServerHello;
import dev.strata.tls.record.HandshakeReassembler;
import dev.strata.tls.record.RecordCipher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round trips of the codecs and the record layer, over generated values. */
class CodecPropertiesTest {

    @Provide
    Arbitrary<byte[]> random32() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    @Provide
    Arbitrary<List<Extension>> extensions() {
        Arbitrary<Extension> ext = Combinators.combine(
                        Arbitraries.integers().between(100, 60000),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as(Extension::new);
        return ext.list().ofMaxSize(6).uniqueElements(Extension::type);
    }

    @Property(tries = 300)
    void clientHelloRoundTrips(
            @ForAll("random32") byte[] random,
            @ForAll @Size(max = 32) byte[] sessionId,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 0xFFFF) Integer> suites,
            @ForAll("extensions") List<Extension> ext) {
        ClientHello ch = new ClientHello(
                0x0303, random, sessionId, suites.stream().map(CipherSuite::of).toList(), new byte[] {0}, ext);
        byte[] enc = ch.encode();
        HandshakeMessage back =
                HandshakeCodec.decode(HandshakeType.CLIENT_HELLO, Arrays.copyOfRange(enc, 4, enc.length), true, false);
        assertThat(back.encode()).isEqualTo(enc);
        assertThat(((ClientHello) back).extensions()).isEqualTo(ext);
    }

    @Property(tries = 200)
    void serverHelloRoundTripsAndTruncationIsDecodeError(
            @ForAll("random32") byte[] random,
            @ForAll("extensions") List<Extension> ext,
            @ForAll @IntRange(min = 1, max = 30) int cut) {
        ServerHello sh = new ServerHello(0x0303, random, new byte[0], CipherSuite.TLS_AES_128_GCM_SHA256, 0, ext);
        byte[] body = Arrays.copyOfRange(sh.encode(), 4, sh.encode().length);
        assertThat(ServerHello.decode(Reader.of(body)).encode()).isEqualTo(sh.encode());
        byte[] shorter = Arrays.copyOf(body, Math.max(0, body.length - cut));
        try {
            ServerHello.decode(Reader.of(shorter));
            // Only cutting the whole extensions block leaves a valid (extension-less) hello.
            int block = 2 + ext.stream().mapToInt(e -> 4 + e.data().length).sum();
            assertThat(cut).isEqualTo(block);
        } catch (TlsAlertException e) {
            assertThat(e.alert()).isIn(AlertDescription.DECODE_ERROR, AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    @Property(tries = 200)
    void keyShareRoundTrips(@ForAll @Size(min = 1, max = 4) List<@Size(min = 1, max = 200) byte[]> keys) {
        List<KeyShare.Entry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            entries.add(new KeyShare.Entry(NamedGroup.of(0x100 + i), keys.get(i)));
        }
        List<KeyShare.Entry> back = KeyShare.decodeClient(KeyShare.encodeClient(entries));
        assertThat(back).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(back.get(i).group()).isEqualTo(entries.get(i).group());
            assertThat(back.get(i).keyExchange()).isEqualTo(entries.get(i).keyExchange());
        }
    }

    @Provide
    Arbitrary<Aead> aeads() {
        return Arbitraries.of(Aead.class);
    }

    @Property(tries = 200)
    void recordsSealAndOpenWithPadding(
            @ForAll("aeads") Aead aead,
            @ForAll boolean tls13,
            @ForAll @Size(max = 3000) byte[] plaintext,
            @ForAll @IntRange(min = 0, max = 300) int padding) {
        byte[] key = new byte[aead.keyLength()];
        byte[] iv = new byte[tls13 || aead == Aead.CHACHA20_POLY1305 ? 12 : 4];
        Arrays.fill(key, (byte) 7);
        RecordCipher w = tls13 ? RecordCipher.tls13(aead, key, iv) : RecordCipher.tls12(aead, key, iv);
        RecordCipher r = tls13 ? RecordCipher.tls13(aead, key, iv) : RecordCipher.tls12(aead, key, iv);
        int pad = tls13 ? padding : 0;
        for (int i = 0; i < 3; i++) {
            byte[] buf = new byte[plaintext.length + 400];
            int n = w.seal(ContentType.APPLICATION_DATA, plaintext, 0, plaintext.length, pad, buf, 0);
            RecordCipher.Opened o = r.open(buf, 0, n - 5);
            assertThat(o.type()).isEqualTo(ContentType.APPLICATION_DATA);
            assertThat(Arrays.copyOfRange(buf, o.offset(), o.offset() + o.length()))
                    .isEqualTo(plaintext);
        }
    }

    @Property(tries = 200)
    void reassemblyIgnoresFragmentation(
            @ForAll @Size(min = 1, max = 5) List<@Size(max = 500) byte[]> bodies,
            @ForAll @IntRange(min = 1, max = 97) int chunk) {
        List<byte[]> messages = new ArrayList<>();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] b : bodies) {
            byte[] m = new byte[4 + b.length];
            m[0] = 11;
            m[1] = (byte) (b.length >>> 16);
            m[2] = (byte) (b.length >>> 8);
            m[3] = (byte) b.length;
            System.arraycopy(b, 0, m, 4, b.length);
            messages.add(m);
            all.writeBytes(m);
        }
        byte[] stream = all.toByteArray();
        HandshakeReassembler r = new HandshakeReassembler();
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < stream.length; at += chunk) {
            r.add(stream, at, Math.min(chunk, stream.length - at));
            byte[] m;
            while ((m = r.next()) != null) {
                out.add(m);
            }
        }
        assertThat(out).hasSize(messages.size());
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i)).isEqualTo(messages.get(i));
        }
        assertThat(r.hasPartial()).isFalse();
    }
}
