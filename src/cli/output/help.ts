import type { Command } from '../command.js';
import type { OptionSpecs } from '../options/command-line.js';

const WIDTH = 100;

/** `scribe <command> --help`. */
export function renderCommandHelp(command: Command): string {
  return [
    `Usage: ${command.usage}`,
    '',
    ...command.description.flatMap((paragraph) => [wrap(paragraph, 0), '']),
    'Options:',
    renderOptions(command.options),
    '',
  ].join('\n');
}

/** `scribe --help`. */
export function renderMainHelp(commands: readonly Command[], version: string): string {
  const nameWidth = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    `scribe ${version}: research-backed outreach emails from a template, a name and an interest.`,
    '',
    'Usage: scribe <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(nameWidth)}${command.summary}`),
    '',
    'Run scribe <command> --help for its options. scribe --version prints the version.',
    'Exit codes: 0 done, 1 a run failed, 2 bad usage, input or configuration, 130 interrupted.',
    '',
  ].join('\n');
}

function renderOptions(options: OptionSpecs): string {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = spec.negatable ? `--no-${name}` : `--${name}`;
    const short = spec.short ? `-${spec.short}, ` : '';
    return [`${short}${flag}${spec.value ? ` ${spec.value}` : ''}`, spec.description] as const;
  });
  const column = Math.min(34, Math.max(...rows.map(([flag]) => flag.length)) + 4);
  return rows
    .map(([flag, description]) => {
      const text = wrap(description, column + 2);
      return flag.length + 4 > column
        ? `  ${flag}\n${' '.repeat(column + 2)}${text.trimStart()}`
        : `  ${flag.padEnd(column)}${text.trimStart()}`;
    })
    .join('\n');
}

/** Word-wraps to {@link WIDTH} columns, indenting continuation lines by `indent`. */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current !== '' && indent + current.length + 1 + word.length > WIDTH) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  if (current !== '') lines.push(current);
  return lines.map((line) => `${' '.repeat(indent)}${line}`).join('\n');
}
