import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error.js';

/** One flag: how `util.parseArgs` reads it and how `--help` shows it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given more than once; the values are collected in order. */
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in `--help`, e.g. `<file|->`. */
  value?: string;
  /** For a boolean that is on by default: `--help` shows `--no-<name>` instead. */
  negatable?: boolean;
  description: string;
}

/** A command's flags, by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The flags given, by long name, and the positional arguments. */
export interface CommandLine {
  values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  positionals: readonly string[];
}

/**
 * Parses a command's arguments strictly: an unknown flag, a missing value or an extra positional
 * is a `UsageError` (exit 2) that points to `--help`.
 */
export function parseCommandLine(
  command: string,
  args: readonly string[],
  specs: OptionSpecs,
  { maxPositionals = 0 }: { maxPositionals?: number } = {},
): CommandLine {
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, { type, multiple, short }]) => [
      name,
      { type, ...(multiple ? { multiple } : {}), ...(short ? { short } : {}) },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: true,
      allowNegative: true,
    });
  } catch (error) {
    throw new UsageError(`${parseArgsMessage(error)} (see scribe ${command} --help)`, { cause: error });
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals];
    throw new UsageError(`unexpected argument "${extra}" (see scribe ${command} --help)`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * `util.parseArgs`'s first line, except for an unknown option, whose advice about `--` ends in an
 * unbalanced quote (`as in '-- "--bogus"`): that one is said in our words.
 */
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? (error.message.split('\n', 1)[0] ?? '') : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if ((error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    return `Unknown option '${unknown[1]}'; an argument that starts with '-' goes after '--', as in: -- '${unknown[1]}'`;
  }
  return message;
}

/** A string flag's value (the last one when given twice), or undefined. */
export function stringFlag(line: CommandLine, name: string): string | undefined {
  const value = line.values[name];
  if (Array.isArray(value)) return stringList(value).at(-1);
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a repeatable string flag, in order. */
export function stringFlags(line: CommandLine, name: string): string[] {
  const value = line.values[name];
  if (value === undefined) return [];
  return stringList(Array.isArray(value) ? value : [value]);
}

/** A boolean flag: true when given, false when negated (`--no-save`), else `fallback`. */
export function booleanFlag(line: CommandLine, name: string, fallback = false): boolean {
  const value = line.values[name];
  return typeof value === 'boolean' ? value : fallback;
}

function stringList(values: readonly (string | boolean)[]): string[] {
  return values.filter((value): value is string => typeof value === 'string');
}
