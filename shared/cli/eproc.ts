// `npm run eproc -- <group> <command> [args]`: a table of subcommands, each loaded only when run,
// so adding a group is one entry here and one folder beside this file.
import { bidCommands } from './bid/commands.ts';

export interface Command {
  readonly summary: string;
  readonly usage: string;
  /** Resolves to the process exit code. */
  readonly run: (args: readonly string[]) => Promise<number>;
}

export const commands: Record<string, Record<string, Command>> = {
  bid: bidCommands,
  audit: {
    verify: {
      summary: 'Verify an audit bundle offline: signatures, tree, proofs, receipts',
      usage:
        'eproc audit verify <bundle.json> [--key log-key.pem] [--receipt receipt.json]... [--origin ORIGIN] [--json]',
      run: async (args) => (await import('./audit/verify.ts')).verifyCommand(args),
    },
  },
};

function help(): string {
  const lines = ['usage: eproc <group> <command> [args]', ''];
  for (const [group, table] of Object.entries(commands)) {
    for (const [name, command] of Object.entries(table)) {
      lines.push(`  ${group} ${name.padEnd(10)} ${command.summary}`, `      ${command.usage}`);
    }
  }
  lines.push(
    '  flags      Red flags (Cardinal indicators) over OCDS compiled releases',
    '      eproc flags <compiled-releases.jsonl> [--settings settings.ini] [--no-meta] [--count]',
  );
  return `${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [group, name, ...rest] = argv;
  if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
    process.stdout.write(help());
    return group === undefined ? 2 : 0;
  }
  // `eproc flags <file>` takes its input where other groups take a command name.
  if (group === 'flags') return (await import('./flags/command.ts')).flagsCommand(argv.slice(1));
  const command = commands[group]?.[name ?? ''];
  if (!command) {
    process.stderr.write(`eproc: unknown command "${[group, name].filter(Boolean).join(' ')}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage: ${command.usage}\n`);
    return 0;
  }
  return command.run(rest);
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
