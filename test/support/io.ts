// An in-memory IO for running coop commands in-process and reading what they printed.
import type { IO } from '../../packages/cli/src/io.ts';
import { main } from '../../packages/cli/src/main.ts';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCoop(argv: string[], options: { cwd?: string; env?: Record<string, string>; isTTY?: boolean; now?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: IO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => new Date(options.now ?? '2026-11-28T12:00:00Z'),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
