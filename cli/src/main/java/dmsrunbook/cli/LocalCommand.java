package dmsrunbook.cli;

import picocli.CommandLine.Command;

/** {@code runbook local}: the runbook on this machine's emulation of AWS. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run dms-runbook on this machine: the real workflow on an emulated AWS (moto and a local Lambda endpoint).",
        subcommands = {LocalUpCommand.class})
final class LocalCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
