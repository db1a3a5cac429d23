// What a command may touch of the outside world, so tests can run commands in-process.

export interface IO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal a person reads (colour, progress). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress of long commands); false when not said. */
  stderrIsTTY?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Now; commands that depend on time take it from here. */
  now(): Date;
}

export function nodeIO(): IO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/** Colours for a terminal, or none: never when NO_COLOR is set or output is not a terminal. */
/** Each colour a plain function, handed around on its own. */
export interface Paint {
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  cyan: (s: string) => string;
}

export function paint(io: IO): Paint {
  const on = io.isTTY && !('NO_COLOR' in io.env && io.env.NO_COLOR !== undefined) && io.env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}
