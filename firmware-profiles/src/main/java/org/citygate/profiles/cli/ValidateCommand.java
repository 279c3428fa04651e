package org.citygate.profiles.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.citygate.profiles.load.LoadResult;
import org.citygate.profiles.load.ProfileError;
import org.citygate.profiles.load.ProfileLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code citygate-profiles validate DIR}: checks every profile file in a folder. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks every *.yaml / *.yml profile in DIR (or one FILE): YAML syntax, the JSON Schema,",
      "and the semantic checks. Each error names the file, the line and the field."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "folder of profile files, or one file")
  private Path path;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<LoadResult> results;
    try {
      if (Files.isDirectory(path)) {
        results = ProfileLoader.loadDirectory(path);
      } else if (Files.isRegularFile(path)) {
        results = List.of(ProfileLoader.load(path));
      } else {
        err.println("citygate-profiles: " + path + ": no such file or folder");
        return ProfilesCommand.UNREADABLE;
      }
    } catch (IOException e) {
      err.println("citygate-profiles: cannot list " + path + ": " + e.getMessage());
      return ProfilesCommand.UNREADABLE;
    }
    if (results.isEmpty()) {
      err.println("citygate-profiles: no *.yaml or *.yml files in " + path);
      return ProfilesCommand.UNREADABLE;
    }
    int invalid = 0;
    for (LoadResult result : results) {
      if (result instanceof LoadResult.Loaded loaded) {
        out.println("ok       " + result.file() + "  (" + loaded.profile().id() + ")");
      } else {
        invalid++;
        List<ProfileError> errors = ((LoadResult.Invalid) result).errors();
        out.println(
            "invalid  "
                + result.file()
                + "  ("
                + errors.size()
                + " error"
                + (errors.size() == 1 ? "" : "s")
                + ")");
        for (ProfileError error : errors) {
          out.println("  " + error);
        }
      }
    }
    out.println(
        (results.size() - invalid)
            + " valid, "
            + invalid
            + " invalid, of "
            + results.size()
            + " profile files");
    return invalid == 0 ? ProfilesCommand.OK : ProfilesCommand.INVALID;
  }
}
