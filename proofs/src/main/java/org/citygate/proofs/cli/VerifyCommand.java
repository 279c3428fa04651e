package org.citygate.proofs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.citygate.proofs.bundle.BundleFormatException;
import org.citygate.proofs.bundle.ProofBundle;
import org.citygate.proofs.bundle.ProofBundleJson;
import org.citygate.proofs.verify.BundleVerifier;
import org.citygate.proofs.verify.ReportText;
import org.citygate.proofs.verify.VerificationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code citygate-verify BUNDLE.json...}: checks proof bundles offline and prints every step.
 *
 * <p>Exit status: 0 when every bundle verifies (steps may be skipped: pending, or the chain not
 * asked), 1 when a step fails, 2 when a bundle cannot be read or the arguments are wrong.
 */
@Command(
    name = "citygate-verify",
    mixinStandardHelpOptions = true,
    version = "citygate-verify 0.1.0 (proof bundle format 1)",
    description = {
      "Verifies Citygate proof bundles: the reading, its batch, the gateway's signature,",
      "the epoch log and the checkpoint, offline; and the anchor on the ledger with --rpc.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every bundle verified",
      "1:a verification step failed",
      "2:a bundle could not be read, or bad arguments"
    })
public final class VerifyCommand implements Callable<Integer> {
  /** Exit status when every bundle verified. */
  public static final int VERIFIED = 0;

  /** Exit status when a step failed. */
  public static final int FAILED = 1;

  /** Exit status when a bundle could not be read. */
  public static final int UNREADABLE = 2;

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "BUNDLE", description = "proof bundle JSON file(s)")
  private List<Path> bundles;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      description = "JSON-RPC URL of a ledger node: also check the anchor on chain")
  private URI rpc;

  @Option(
      names = "--confirmations",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "with --rpc: blocks the anchor must be buried under (default: ${DEFAULT-VALUE})")
  private int confirmations;

  @Option(
      names = {"-q", "--quiet"},
      description = "print only the verdict line of each bundle")
  private boolean quiet;

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command with the given streams; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new VerifyCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExitCodeExceptionMapper(e -> UNREADABLE);
    commandLine.setParameterExceptionHandler(
        (e, a) -> {
          err.println("citygate-verify: " + e.getMessage());
          err.println("Try 'citygate-verify --help'.");
          return UNREADABLE;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    if (confirmations < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--confirmations must be at least 1, got " + confirmations);
    }
    BundleVerifier verifier =
        rpc == null
            ? BundleVerifier.offline()
            : BundleVerifier.withAnchorCheck(new RpcAnchorCheck(rpc, confirmations));
    int status = VERIFIED;
    for (Path path : bundles) {
      status = Math.max(status, verifyOne(path, verifier));
    }
    return status;
  }

  private int verifyOne(Path path, BundleVerifier verifier) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProofBundle bundle;
    try {
      bundle = ProofBundleJson.read(readText(path));
    } catch (IOException e) {
      err.println(path + ": cannot read: " + e.getMessage());
      return UNREADABLE;
    } catch (BundleFormatException e) {
      err.println(path + ": not a valid proof bundle: " + e.getMessage());
      return UNREADABLE;
    }
    VerificationReport report = verifier.verify(bundle);
    if (!quiet) {
      out.println(path + ":");
      ReportText.printSteps(out, report);
    }
    out.println(ReportText.verdict(path.toString(), report));
    out.flush();
    return report.verified() ? VERIFIED : FAILED;
  }

  private static String readText(Path path) throws IOException {
    if (Files.size(path) > ProofBundleJson.MAX_LENGTH) {
      throw new IOException("larger than " + ProofBundleJson.MAX_LENGTH + " bytes");
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new IOException("not UTF-8 text", e);
    }
  }
}
