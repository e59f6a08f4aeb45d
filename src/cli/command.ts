import type { CliIo } from './cli-io.js';
import type { OptionSpecs } from './options/command-line.js';
import type { InputFieldNames } from './output/report-error.js';

/** One `scribe <command>`: its help and how it runs. */
export interface Command {
  name: string;
  /** One line for `scribe --help`. */
  summary: string;
  /** The usage line, e.g. `scribe generate --name <name> ... [options]`. */
  usage: string;
  /** Paragraphs shown under the usage line in `scribe <command> --help`. */
  description: readonly string[];
  options: OptionSpecs;
  /** Where each pipeline input comes from on this command (a flag, a column), for error messages. */
  inputFields: InputFieldNames;
  /** Runs the command; resolves with the exit code. Errors it throws are reported by the caller. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
