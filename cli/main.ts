import { DEPLOYED_USAGE, parseDeployedArgs, runDeployed } from './deployed';
import { GATE_USAGE, parseGateArgs, runGate } from './gate';
import { COMMAND, EXIT, UsageError, type CliIo } from './http';

export const USAGE = `Usage: ${COMMAND} <command> [options]

Commands:
  gate       ask whether a release may deploy (exit 0 go, 1 no-go, 2 error)
  deployed   report a deployment to an environment (exit 0 recorded, 2 error)

${COMMAND} <command> --help shows a command's options.`;

const COMMANDS = {
  gate: { usage: GATE_USAGE, run: (argv: string[], io: CliIo) => runGate(parseGateArgs(argv, io.env), io) },
  deployed: { usage: DEPLOYED_USAGE, run: (argv: string[], io: CliIo) => runDeployed(parseDeployedArgs(argv, io.env), io) },
} as const;

/** The `preflight-release` command. Returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? EXIT.error : 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    io.err(`Unknown command "${name}".\n\n${USAGE}`);
    return EXIT.error;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${command.usage}`);
      return EXIT.error;
    }
    io.err(`${COMMAND} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.error;
  }
}
