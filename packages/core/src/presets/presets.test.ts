// The preset constitutions: each .yaml file here validates, and the module the build makes of them holds their text as it is.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetDeclarations, presetModule } from '../../../../scripts/schemas.mjs';
import { memorySource } from '../common/index.ts';
import { validateSource } from '../load/index.ts';
import { presetNames, presets } from './index.ts';

const here = import.meta.dirname;
const text = (name: string) => readFileSync(join(here, `${name}.yaml`), 'utf8');

describe('the presets', () => {
  it('are the .yaml files of this folder, one per name', () => {
    expect(
      readdirSync(here)
        .filter((f) => f.endsWith('.yaml'))
        .sort(),
    ).toEqual(presetNames.map((name) => `${name}.yaml`).sort());
  });

  it.each(presetNames)('%s is its file, byte for byte, and validates with a founder', async (name) => {
    expect(presets[name].constitution).toBe(text(name));
    const tier = /^tiers:\n {2}- id: ([a-z-]+)$/m.exec(text(name))?.[1];
    const result = await validateSource(
      memorySource({
        'governance/constitution.yaml': text(name),
        'governance/members/ana.yaml': `name: Ana\ntier: ${tier}\nsince: 2026-01-05\n`,
      }),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('are generated as written by scripts/schemas.mjs', () => {
    const generated = join(here, '../generated');
    expect(readFileSync(join(generated, 'presets.js'), 'utf8')).toBe(presetModule());
    expect(readFileSync(join(generated, 'presets.d.ts'), 'utf8')).toBe(presetDeclarations());
  });
});
