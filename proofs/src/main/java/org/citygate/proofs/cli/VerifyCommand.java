package org.citygate.proofs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
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
import org.citygate.proofs.hash.Address;
import org.citygate.proofs.verify.BundleVerifier;
import org.citygate.proofs.verify.ReportText;
import org.citygate.proofs.verify.TrustRoot;
import org.citygate.proofs.verify.VerificationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code citygate-verify BUNDLE.json...}: checks proof bundles and prints every step.
 *
 * <p>Exit status: 0 when every step of every bundle passed (which needs the trusted chain and
 * registry pinned and the anchor checked on chain), 3 when no step failed but some were not checked
 * (pending, offline, or nothing pinned), 1 when a step fails, 2 when a bundle cannot be read or the
 * arguments are wrong.
 */
@Command(
    name = "citygate-verify",
    mixinStandardHelpOptions = true,
    version = "citygate-verify 0.1.0 (proof bundle format 1)",
    description = {
      "Verifies Citygate proof bundles: the reading, its batch, the gateway's signature,",
      "the epoch log and the checkpoint, offline; and the anchor on the ledger with --rpc.",
      "A bundle names its own chain and registry: pin the city's with --chain-id and",
      "--registry, or anyone's consistent bundle passes every offline step.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every step of every bundle passed (pinned registry, anchor checked on chain)",
      "1:a verification step failed",
      "2:a bundle could not be read, or bad arguments",
      "3:no step failed, but some were not checked (pending, offline, nothing pinned)"
    })
public final class VerifyCommand implements Callable<Integer> {
  /** Exit status when every bundle verified. */
  public static final int VERIFIED = 0;

  /** Exit status when a step failed. */
  public static final int FAILED = 1;

  /** Exit status when a bundle could not be read. */
  public static final int UNREADABLE = 2;

  /** Exit status when no step failed but some were not checked. */
  public static final int UNCONFIRMED = 3;

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "BUNDLE", description = "proof bundle JSON file(s)")
  private List<Path> bundles;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      description = "JSON-RPC URL of a ledger node: also check the anchor on chain")
  private URI rpc;

  @Option(
      names = "--chain-id",
      paramLabel = "ID",
      description = "the city ledger's chain id: bundles for another chain fail (with --registry)")
  private BigInteger chainId;

  @Option(
      names = "--registry",
      paramLabel = "ADDRESS",
      converter = AddressConverter.class,
      description = "the city's anchor registry: bundles naming another fail (with --chain-id)")
  private Address registry;

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
    if ((chainId == null) != (registry == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--chain-id and --registry go together: pin both or neither");
    }
    BundleVerifier verifier =
        rpc == null
            ? BundleVerifier.offline()
            : BundleVerifier.withAnchorCheck(new RpcAnchorCheck(rpc, confirmations));
    if (registry != null) {
      verifier = verifier.trusting(new TrustRoot(chainId, registry));
    }
    int worst = VERIFIED;
    for (Path path : bundles) {
      worst = worse(worst, verifyOne(path, verifier));
    }
    return worst;
  }

  /** Orders statuses from best to worst: verified, unconfirmed, failed, unreadable. */
  private static int worse(int a, int b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(int status) {
    return switch (status) {
      case VERIFIED -> 0;
      case UNCONFIRMED -> 1;
      case FAILED -> 2;
      default -> 3;
    };
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
    if (!report.verified()) {
      return FAILED;
    }
    return report.fullyVerified() ? VERIFIED : UNCONFIRMED;
  }

  /** Parses an address option, EIP-55 checksum included. */
  static final class AddressConverter implements CommandLine.ITypeConverter<Address> {
    @Override
    public Address convert(String value) {
      try {
        return Address.fromHex(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("not an address: " + e.getMessage());
      }
    }
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
