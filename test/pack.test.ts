// The published packages: npm run pack's tarballs hold only what they need, install into an empty folder without the network, and work there.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** What npm pack --json says of a tarball. */
interface Packed {
  name: string;
  version: string;
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking, so that the cases of this file run side by side. */
function exec(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let work: string;
let packed: Packed[];
/** A copy of examples/disco-coop, as an adopter's repository would hold it. */
let collective: string;

const tarball = (name: string) => {
  const found = packed.find((p) => p.name === name);
  if (found === undefined) throw new Error(`${name} was not packed`);
  return { ...found, path: join(work, 'tarballs', found.filename) };
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'coop-pack-test-'));
  collective = join(work, 'disco-coop');
  cpSync(join(root, 'examples/disco-coop'), collective, { recursive: true });
  const run = await exec(process.execPath, [join(root, 'scripts/pack.mjs'), '--out', join(work, 'tarballs'), '--json'], root);
  expect(run.status, run.stderr).toBe(0);
  packed = JSON.parse(run.stdout) as Packed[];
}, 60_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe.concurrent('the published packages', () => {
  it('hold their built files, a README and package.json: no sources, tests, maps or node_modules', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(['@cooperage/cli', '@cooperage/core']);
    for (const { name, files } of packed) {
      const paths = files.map((f) => f.path);
      expect(paths, name).toContain('package.json');
      expect(paths, name).toContain('README.md');
      expect(
        paths.filter((path) => !/^(?:dist\/|bin\/|package\.json$|README\.md$|LICENSE$)/.test(path)),
        name,
      ).toEqual([]);
      expect(
        paths.filter((path) => /(?:^|\/)(?:src|test|node_modules)\/|\.test\.|\.map$|tsconfig/.test(path)),
        name,
      ).toEqual([]);
    }
    const cli = tarball('@cooperage/cli');
    expect(cli.files.map((f) => f.path)).toEqual(expect.arrayContaining(['bin/coop.js', 'dist/coop.js']));
    // Measured at 0.1.0: 330 kB packed, 1.4 MB unpacked (the bundle holds octokit and isomorphic-git).
    expect(cli.size).toBeLessThan(600_000);
    expect(cli.unpackedSize).toBeLessThan(2_500_000);
    const core = tarball('@cooperage/core');
    expect(core.files.map((f) => f.path)).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/generated/validators.d.ts']));
    // Measured at 0.1.0: 180 kB packed, 820 kB unpacked (most of it the generated validators).
    expect(core.size).toBeLessThan(400_000);
    expect(core.unpackedSize).toBeLessThan(1_500_000);
  });

  it('the CLI installs from its tarball alone, offline, and coop runs in a repository that is not Cooperage', async () => {
    const cli = tarball('@cooperage/cli');
    const adopter = join(work, 'adopter');
    mkdirSync(adopter);
    writeFileSync(join(adopter, 'package.json'), '{ "name": "adopter", "private": true }\n');
    // A cache of its own: nothing comes from an earlier install or from the registry.
    const install = await exec('npm', ['install', '--offline', '--no-audit', '--no-fund', cli.path], adopter, { npm_config_cache: join(work, 'npm-cache') });
    expect(install.status, install.stderr).toBe(0);
    // No dependencies: the bundle holds them all.
    expect(readdirSync(join(adopter, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['@cooperage']);
    expect(readdirSync(join(adopter, 'node_modules/@cooperage'))).toEqual(['cli']);
    const installed = join(adopter, 'node_modules/@cooperage/cli');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ bin: { coop: 'bin/coop.js' }, license: 'AGPL-3.0-or-later', engines: { node: '>=20' } });
    expect(manifest.private).toBeUndefined();
    expect(manifest.dependencies).toBeUndefined();
    // No file names a source map the package does not hold.
    for (const file of cli.files.filter((f) => f.path.endsWith('.js'))) {
      const map = /\/\/# sourceMappingURL=(\S+)/.exec(readFileSync(join(installed, file.path), 'utf8'))?.[1];
      if (map !== undefined) expect(existsSync(join(dirname(join(installed, file.path)), map)), file.path).toBe(true);
    }

    const coop = join(adopter, 'node_modules/.bin/coop');
    const [help, version, validate] = await Promise.all([
      exec(coop, ['--help'], collective),
      exec(coop, ['--version'], collective),
      exec(coop, ['validate', '--json'], collective),
    ]);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout.split('\n')[0]).toBe('Usage: coop <command> [options]');
    expect(version.stdout.trim()).toBe(`coop ${cli.version}`);
    expect(validate.status, validate.stderr).toBe(0);
    expect(JSON.parse(validate.stdout)).toMatchObject({ ok: true, errors: [], stats: { members: 9 } });
  }, 60_000);

  it('core installs beside its dependencies, imports from plain JavaScript, and types a TypeScript consumer', async () => {
    const core = tarball('@cooperage/core');
    const consumer = join(work, 'consumer');
    const installed = join(consumer, 'node_modules/@cooperage/core');
    mkdirSync(installed, { recursive: true });
    const unpack = await exec('tar', ['-xzf', core.path, '--strip-components=1', '-C', installed], consumer);
    expect(unpack.status, unpack.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      types: './dist/index.d.ts',
      license: 'AGPL-3.0-or-later',
      engines: { node: '>=20' },
    });
    expect(manifest.private).toBeUndefined();
    // Its dependencies as npm would install them from the registry: the copies the monorepo has, at
    // versions its lockfile pins within core's ranges. Only those it declares, so an import of an
    // undeclared package fails here; and every package its JavaScript imports is declared.
    const dependencies = Object.keys(manifest.dependencies as Record<string, string>);
    for (const name of [...dependencies, '@types/node']) {
      mkdirSync(dirname(join(consumer, 'node_modules', name)), { recursive: true });
      symlinkSync(join(root, 'node_modules', name), join(consumer, 'node_modules', name), 'dir');
    }
    // What dist/index.js imports, as esbuild reads it (no bundling: every package left outside).
    const { metafile } = await build({
      entryPoints: [join(installed, 'dist/index.js')],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imported = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
    const packages = new Set(
      imported
        .filter((s) => !isBuiltin(s))
        .map((s) =>
          s
            .split('/')
            .slice(0, s.startsWith('@') ? 2 : 1)
            .join('/'),
        ),
    );
    expect(packages.size).toBeGreaterThan(0);
    expect([...packages].filter((name) => !dependencies.includes(name))).toEqual([]);

    writeFileSync(
      join(consumer, 'validate.mjs'),
      [
        "import { validateSource, workingTreeSource } from '@cooperage/core';",
        'const result = await validateSource(workingTreeSource(process.argv[2]));',
        'console.log(JSON.stringify({ ok: result.ok, errors: result.errors.length, members: result.stats.members }));',
      ].join('\n'),
    );
    writeFileSync(
      join(consumer, 'consumer.ts'),
      [
        "import { validateSource, workingTreeSource, type FileKind, type ValidationResult } from '@cooperage/core';",
        'export const check = (dir: string): Promise<ValidationResult> => validateSource(workingTreeSource(dir));',
        'export const ok = async (dir: string): Promise<boolean> => (await check(dir)).ok;',
        '// @ts-expect-error: the types are there, not any',
        'export const wrong = validateSource(42);',
        '// @ts-expect-error: and so are the generated ones (dist/generated/validators.d.ts)',
        "export const kind: FileKind = 'no such kind';",
      ].join('\n'),
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      // skipLibCheck, as most projects have it: checking @types/node and every declaration takes
      // seconds. What it would catch is here: every declaration's relative import is in the package.
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          types: ['node'],
          skipLibCheck: true,
          noEmit: true,
        },
        files: ['consumer.ts'],
      }),
    );
    const declarations = core.files.map((f) => f.path).filter((path) => path.endsWith('.d.ts'));
    expect(declarations).toContain('dist/index.d.ts');
    const unresolved = declarations.flatMap((path) =>
      [...readFileSync(join(installed, path), 'utf8').matchAll(/\bfrom '(\.[^']+)'/g)]
        .map((m) => join(dirname(path), m[1]!.replace(/\.[jt]s$/, '.d.ts')))
        .filter((target) => !declarations.includes(target))
        .map((target) => `${path} imports ${target}`),
    );
    expect(unresolved).toEqual([]);
    const [imports, types] = await Promise.all([
      exec(process.execPath, ['validate.mjs', collective], consumer),
      exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', consumer], consumer),
    ]);
    expect(imports.status, imports.stderr).toBe(0);
    expect(JSON.parse(imports.stdout)).toEqual({ ok: true, errors: 0, members: 9 });
    expect(types.status, types.stdout).toBe(0);
  }, 60_000);
});
