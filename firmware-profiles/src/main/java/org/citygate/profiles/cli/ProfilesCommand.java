package org.citygate.profiles.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code citygate-profiles}: the technicians' tool for firmware profiles.
 *
 * <p>Exit status: 0 success, 1 the input is invalid (a profile has errors, a payload is rejected),
 * 2 the input cannot be read or the arguments are wrong.
 */
@Command(
    name = "citygate-profiles",
    mixinStandardHelpOptions = true,
    version = "citygate-profiles 0.1.0 (profile format 1)",
    description = "Checks Citygate firmware profiles and decodes device payloads by them.",
    subcommands = {ValidateCommand.class, DecodeCommand.class},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success",
      "1:a profile is invalid, or the payload is rejected",
      "2:a file cannot be read, or bad arguments"
    })
public final class ProfilesCommand implements Runnable {
  /** Exit status on success. */
  public static final int OK = 0;

  /** Exit status when the input is invalid. */
  public static final int INVALID = 1;

  /** Exit status when the input cannot be read or the arguments are wrong. */
  public static final int UNREADABLE = 2;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command with the given streams; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new ProfilesCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExitCodeExceptionMapper(e -> UNREADABLE);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          err.println("citygate-profiles: " + e.getMessage());
          return UNREADABLE;
        });
    commandLine.setParameterExceptionHandler(
        (e, a) -> {
          err.println("citygate-profiles: " + e.getMessage());
          err.println("Try 'citygate-profiles --help'.");
          return UNREADABLE;
        });
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required: validate or decode");
  }
}
