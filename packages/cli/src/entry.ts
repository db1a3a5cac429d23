// The bundled command's entry: runs main with the process's own streams.
import { main } from './main.ts';
import { nodeIO } from './io.ts';

main(process.argv.slice(2), nodeIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`coop: internal error, a bug in Cooperage: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
