package io.github.coco4j.devplatform;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development stand-in for AMD's key distribution, shaped as AMD's real one so the KBS checks it
 * the same way: a self-signed ARK and an ASK it signs (RSA-4096, RSASSA-PSS with SHA-384), and a
 * VCEK (ECDSA P-384) the ASK signs for one chip and TCB, with AMD's TCB and hardware-id
 * extensions. Every name says "development": evidence signed under this root proves nothing, and
 * the KBS accepts it only when told to ({@code [development] insecure_snp_development_root}).
 */
public final class DevelopmentAmdRoot {
    private static final String PSS = "SHA384WITHRSAANDMGF1";
    /** The JDK signs RSASSA-PSS only with explicit parameters; BouncyCastle writes AMD's from the name. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final String OID_BOOTLOADER = "1.3.6.1.4.1.3704.1.3.1";
    private static final String OID_TEE = "1.3.6.1.4.1.3704.1.3.2";
    private static final String OID_SNP = "1.3.6.1.4.1.3704.1.3.3";
    private static final String OID_MICROCODE = "1.3.6.1.4.1.3704.1.3.8";
    private static final String OID_HW_ID = "1.3.6.1.4.1.3704.1.4";

    private final X509Certificate ark;
    private final X509Certificate ask;
    private final X509Certificate vcek;
    private final PrivateKey vcekKey;

    private DevelopmentAmdRoot(X509Certificate ark, X509Certificate ask, X509Certificate vcek, PrivateKey vcekKey) {
        this.ark = ark;
        this.ask = ask;
        this.vcek = vcek;
        this.vcekKey = vcekKey;
    }

    /** A new root, ASK and a VCEK for {@code chipId} at {@code tcb}. */
    public static DevelopmentAmdRoot create(DevelopmentSnpReport.Tcb tcb, byte[] chipId) throws GeneralSecurityException {
        KeyPair arkKeys = rsa4096();
        KeyPair askKeys = rsa4096();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair vcekKeys = ec.generateKeyPair();
        X500Name arkName = new X500Name("CN=ARK-Development,OU=coco4j development root (not AMD's)");
        X500Name askName = new X500Name("CN=SEV-Development,OU=coco4j development root (not AMD's)");
        X509Certificate ark = sign(builder(arkName, arkName, arkKeys.getPublic(), true), arkKeys.getPrivate());
        X509Certificate ask = sign(builder(arkName, askName, askKeys.getPublic(), true), arkKeys.getPrivate());
        try {
            X509v3CertificateBuilder vcek = builder(askName, new X500Name("CN=SEV-VCEK,OU=coco4j development"),
                    vcekKeys.getPublic(), false)
                    .addExtension(new ASN1ObjectIdentifier(OID_BOOTLOADER), false, new ASN1Integer(tcb.bootloader()))
                    .addExtension(new ASN1ObjectIdentifier(OID_TEE), false, new ASN1Integer(tcb.tee()))
                    .addExtension(new ASN1ObjectIdentifier(OID_SNP), false, new ASN1Integer(tcb.snp()))
                    .addExtension(new ASN1ObjectIdentifier(OID_MICROCODE), false, new ASN1Integer(tcb.microcode()))
                    .addExtension(new ASN1ObjectIdentifier(OID_HW_ID), false, new DEROctetString(chipId));
            return new DevelopmentAmdRoot(ark, ask, sign(vcek, askKeys.getPrivate()), vcekKeys.getPrivate());
        } catch (IOException e) {
            throw new GeneralSecurityException("VCEK extensions: " + e.getMessage(), e);
        }
    }

    /** The VCEK certificate (PEM), as IMDS serves it in {@code vcekCert}. */
    public String vcekPem() {
        return pem(vcek);
    }

    /** ASK then ARK (PEM): IMDS's {@code certificateChain}, and the development root file the KBS is given. */
    public String chainPem() {
        return pem(ask) + pem(ark);
    }

    /** The ECDSA P-384 signature by the VCEK over {@code data}, as its (r, s) pair. */
    BigInteger[] sign(byte[] data) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA384withECDSA");
        signer.initSign(vcekKey);
        signer.update(data);
        ASN1Sequence der = ASN1Sequence.getInstance(signer.sign());
        return new BigInteger[] {ASN1Integer.getInstance(der.getObjectAt(0)).getValue(),
            ASN1Integer.getInstance(der.getObjectAt(1)).getValue()};
    }

    private static KeyPair rsa4096() throws GeneralSecurityException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(4096);
        return rsa.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, boolean ca)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        try {
            return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        } catch (IOException e) {
            throw new GeneralSecurityException("basic constraints: " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(PSS).setProvider(BC).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("signing a development certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding in memory failed", e);
        }
        return out.toString();
    }
}
