package io.github.coco4j.kbs.attestation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The authorities an SNP endorsement key (VCEK or VLEK) must chain to: AMD's ARK with its ASK and
 * ASVK for each processor generation, as Trustee embeds them, and, only when a development
 * configuration names one, a development root (for a demo whose "SNP report" was signed by a key
 * of its own). A development root can never be one of AMD's.
 */
public final class SnpCertificates {
    private static final Logger LOG = Logger.getLogger(SnpCertificates.class.getName());
    private static final String AMD = "/io/github/coco4j/kbs/attestation/amd/";
    private static final List<String> GENERATIONS = List.of("milan", "genoa", "turin");

    /** An intermediate (or the root itself) and the root it hangs from. */
    private record Chain(X509Certificate signer, X509Certificate root) {
    }

    private final List<Chain> chains;

    private SnpCertificates(List<Chain> chains) {
        this.chains = List.copyOf(chains);
    }

    public static SnpCertificates amd() {
        List<Chain> chains = new ArrayList<>();
        for (String generation : GENERATIONS) {
            String file = AMD + generation + "_ask_ark_asvk.pem";
            try (InputStream in = SnpCertificates.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + file);
                }
                chains.addAll(chainsOf(in.readAllBytes()));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("AMD certificates " + file + " unusable: " + e.getMessage(), e);
            }
        }
        return new SnpCertificates(chains);
    }

    /**
     * These authorities and the development root in {@code pem} (a self-signed root, optionally
     * with intermediates that it signed). For development only: evidence signed under it proves nothing.
     */
    public SnpCertificates withDevelopmentRoot(Path pem) throws IOException {
        List<Chain> development;
        try {
            development = chainsOf(Files.readAllBytes(pem));
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": " + e.getMessage(), e);
        }
        for (Chain chain : development) {
            if (chains.stream().anyMatch(amd -> amd.root().getPublicKey().equals(chain.root().getPublicKey()))) {
                throw new IOException(pem + ": is AMD's root; the development root must be one of your own");
            }
        }
        LOG.warning("SNP endorsement keys chaining to the development root " + pem + " are accepted: "
                + "such evidence proves nothing");
        List<Chain> all = new ArrayList<>(chains);
        all.addAll(development);
        return new SnpCertificates(all);
    }

    /** Checks that {@code key} was issued under one of the roots. */
    void verify(X509Certificate key) throws VerificationException {
        for (Chain chain : chains) {
            if (chain.signer().getSubjectX500Principal().equals(key.getIssuerX500Principal())) {
                try {
                    key.verify(chain.signer().getPublicKey());
                    return;
                } catch (GeneralSecurityException e) {
                    throw new VerificationException("the endorsement key is not signed by "
                            + chain.signer().getSubjectX500Principal().getName() + ": " + e.getMessage());
                }
            }
        }
        throw new VerificationException("the endorsement key's issuer " + key.getIssuerX500Principal().getName()
                + " is none of the known SNP authorities");
    }

    /** The chains a PEM bundle holds: its self-signed root alone and each other certificate with that root. */
    private static List<Chain> chainsOf(byte[] pem) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem))) {
            certificates.add((X509Certificate) certificate);
        }
        X509Certificate root = certificates.stream()
                .filter(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).findFirst()
                .orElseThrow(() -> new CertificateException("no self-signed root certificate"));
        root.verify(root.getPublicKey());
        List<Chain> chains = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (certificate != root) {
                certificate.verify(root.getPublicKey());
            }
            chains.add(new Chain(certificate, root));
        }
        return chains;
    }
}
