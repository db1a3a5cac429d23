// The public API of @cooperage/cli, for tests and for tools that run commands in-process.
export { main, mainHelp, EXIT } from './main.ts';
export { nodeIO, paint } from './io.ts';
export type { IO, Paint } from './io.ts';
export { formatDiagnostic, codeFrame } from './format.ts';
