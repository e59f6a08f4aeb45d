import { VERSION } from '../index.js';
import type { CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { batchCommand } from './commands/batch.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { generateCommand } from './commands/generate.js';
import { showCommand } from './commands/show.js';
import { renderMainHelp } from './output/help.js';
import { describeFailure, EXIT_CODES, exitCodeFor } from './output/report-error.js';
import { UsageError } from './usage-error.js';

/** Every command, in the order `scribe --help` lists them. */
export const COMMANDS: readonly Command[] = [
  generateCommand,
  batchCommand,
  showCommand,
  exportCommand,
  demoCommand,
];

/**
 * The whole CLI: dispatches `argv` (without `node` and the script) to a command and resolves with
 * the exit code. Never throws: a failure is printed as one `scribe: <message>` line on stderr
 * (with `--verbose`, the chain of causes), scrubbed of secrets.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_CODES.ok;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(renderMainHelp(COMMANDS, VERSION));
    return EXIT_CODES.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  const secrets = [...io.secrets, ...flagValues(argv, '--search-key')];
  try {
    if (command === undefined) {
      throw new UsageError(
        name === undefined
          ? `a command is required: ${COMMANDS.map((each) => each.name).join(', ')} (see scribe --help)`
          : `unknown command "${name}": use ${COMMANDS.map((each) => each.name).join(', ')} (see scribe --help)`,
      );
    }
    return await command.run(args, { ...io, secrets });
  } catch (error) {
    const lines = describeFailure(error, {
      verbose: argv.includes('--verbose'),
      secrets,
      inputFields: command?.inputFields ?? {},
    });
    io.stderr.write(`${lines.join('\n')}\n`);
    return exitCodeFor(error);
  }
}

/** The values given to a flag, as `--flag value` or `--flag=value`. */
function flagValues(argv: readonly string[], flag: string): string[] {
  return argv.flatMap((arg, index) => {
    if (arg === flag) return argv[index + 1] === undefined ? [] : [argv[index + 1] as string];
    return arg.startsWith(`${flag}=`) ? [arg.slice(flag.length + 1)] : [];
  });
}
