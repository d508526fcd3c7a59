package io.github.coco4j.devplatform;

import io.github.coco4j.cli.Cli;
import io.github.coco4j.tpm.TpmAddress;
import io.github.coco4j.tpm.TpmService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A development Azure SEV-SNP confidential VM around a swtpm, for the demo and the end-to-end
 * tests: the vTPM's AK, an HCL report with an SNP report signed by a VCEK of a development root
 * (written to {@code --root}, for the KBS's {@code insecure_snp_development_root}), the paravisor
 * that refreshes that report for each report data, and IMDS serving the VCEK; one for each
 * {@code --tpm}, all on one chip. Runs until stopped;
 * prints where the guest finds its vTPM and IMDS.
 */
@Command(name = "azure-snp-dev-platform", mixinStandardHelpOptions = true,
        description = "A development Azure SEV-SNP vTPM platform on swtpm; its evidence proves nothing.")
public final class AzureSnpDevPlatform implements Callable<Integer> {
    /** Where Azure's paravisor keeps the vTPM's AK. */
    static final int AK_HANDLE = 0x81000003;
    private static final int SNP_REPORT_TYPE = 2;

    @Option(names = "--tpm", required = true, paramLabel = "tcp:HOST:PORT",
            description = "the data port of a swtpm, one for each VM on this host (they share the chip and its VCEK)")
    List<String> tpms;

    @Option(names = "--root", required = true, paramLabel = "FILE",
            description = "where to write the development root (ASK and ARK, PEM) for the KBS")
    Path root;

    public static void main(String[] args) {
        Cli.exit(args, new AzureSnpDevPlatform());
    }

    @Override
    public Integer call() throws Exception {
        byte[] chipId = new byte[64];
        new SecureRandom().nextBytes(chipId);
        DevelopmentAmdRoot amd = DevelopmentAmdRoot.create(DevelopmentSnpReport.Tcb.DEVELOPMENT, chipId);
        Files.writeString(root, amd.chainPem());
        List<ParavisorStandIn> paravisors = new ArrayList<>();
        try (ImdsStandIn imds = new ImdsStandIn(amd.vcekPem() + amd.chainPem(), null, null)) {
            for (String vtpm : tpms) {
                paravisors.add(vm(amd, chipId, vtpm));
                System.out.println("vtpm: " + paravisors.get(paravisors.size() - 1).address());
            }
            System.out.println("imds: " + imds.url());
            System.out.flush();
            new CountDownLatch(1).await();
        } finally {
            for (ParavisorStandIn paravisor : paravisors) {
                paravisor.close();
            }
        }
        return 0;
    }

    /** A VM on this host: its vTPM's AK, the HCL report it boots with, and its paravisor. */
    private static ParavisorStandIn vm(DevelopmentAmdRoot amd, byte[] chipId, String vtpm)
            throws GeneralSecurityException, IOException {
        TpmAddress address = TpmAddress.parse(vtpm);
        HclReports reports = new HclReports(amd, chipId, provisionAk(address));
        try (TpmService tpm = TpmService.open(address)) {
            // The report a VM boots with, so the attestation agent recognises an Azure SNP vTPM.
            tpm.writeNv(ParavisorStandIn.HCL_REPORT_INDEX, reports.forUserData(new byte[0]));
        }
        String[] hostPort = vtpm.substring("tcp:".length()).split(":");
        return new ParavisorStandIn(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
                reports::forUserData);
    }

    /** The vTPM's AK, made and persisted where Azure keeps it. */
    private static RSAPublicKey provisionAk(TpmAddress address) throws GeneralSecurityException {
        try (TpmService vtpm = TpmService.open(address)) {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(vtpm.attestationKey(AK_HANDLE)));
        }
    }

    /** HCL reports as the paravisor makes them: the SNP report's report data is the SHA-256 of the variable data. */
    private record HclReports(DevelopmentAmdRoot amd, byte[] chipId, RSAPublicKey ak) {
        byte[] forUserData(byte[] userData) {
            byte[] variableData = HclReportLayout.variableData(ak, userData);
            try {
                byte[] reportData = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(variableData), 64);
                return HclReportLayout.build(SNP_REPORT_TYPE, DevelopmentSnpReport.signed(amd, chipId, reportData),
                        variableData, HclReportLayout.SWTPM_NV_INDEX_MAX);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing an SNP report: " + e.getMessage(), e);
            }
        }
    }
}
