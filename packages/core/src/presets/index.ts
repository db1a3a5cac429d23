// The preset constitutions `coop init --preset` writes: disco, radial and minimal, each the text of
// its .yaml file beside this one (made into string constants by the build, scripts/schemas.mjs).
import { disco, minimal, radial } from '../generated/presets.js';

export type PresetName = 'disco' | 'radial' | 'minimal';

export const presetNames: readonly PresetName[] = ['disco', 'radial', 'minimal'];

export const presets: Record<PresetName, { description: string; constitution: string }> = {
  disco: {
    description:
      'A DisCO cooperative: member > dater (3 stages) > contributor > supporter, only members vote; unanimous admission, consent for daters, lazy majority by default for everyday work, value tracking in livelihood, love and care streams, quarterly commitments.',
    constitution: disco,
  },
  radial: {
    description:
      'A loose libre project: core > member > contributor > friend; lazy majority for most things, a majority vote for the rules, core consent to join the core; no value tracking.',
    constitution: radial,
  },
  minimal: {
    description: 'One tier of members and one rule, a majority vote, for everything.',
    constitution: minimal,
  },
};
