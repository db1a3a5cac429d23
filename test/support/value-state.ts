// A small DisCO state for value tests: one constitution, two members and three daters (one per stage), built in memory.
import { expect } from 'vitest';
import { loadState, memorySource, validateState, type State } from '../../packages/core/src/index.ts';
import { sha } from './disco-state.ts';

/**
 * The value and commitments of the test constitutions (this one and the rule tables'): three streams
 * at 20 credits an hour, livelihood paid; DisCO's dating rates and split; members pledge 400 love credits.
 */
export const valueSections = `value:
  currency: EUR
  streams:
    livelihood: { credits_per_hour: 20, paid: true }
    love: { credits_per_hour: 20 }
    care: { credits_per_hour: 20 }
  dating_rates: { 1: 0, 2: 0.5, 3: 0.75 }
  split:
    - { streams: [livelihood], share: 0.75 }
    - { streams: [love, care], share: 0.25 }
commitments:
  minimum:
    member: { love: { credits: 400 } }
`;

export const constitution = `version: 1
name: Test Coop
tiers:
  - { id: member, label: Member, rights: [vote, propose] }
  - { id: dater, label: Dater, rights: [vote-advisory, propose], stages: 3 }
  - { id: contributor, label: Contributor, rights: [propose] }
  - { id: supporter, label: Supporter, rights: [] }
decisions:
  lazy-majority: { method: lazy-majority, min_days: 3 }
policy:
  - { change: decision.*, rule: forbidden }
default: lazy-majority
${valueSections}lifecycle:
  inactive_days: 180
  inward_days: 270
  inward_credits: 1200
  stage_days: 90
`;

/** People by handle: ana and bob members, dee, dan and dot daters in stages 1, 2 and 3. */
export const members: Record<string, string> = {
  ana: 'name: Ana\ntier: member\nsince: 2021-09-01\n',
  bob: 'name: Bob\ntier: member\nsince: 2022-01-10\n',
  dee: 'name: Dee\ntier: dater\nsince: 2026-09-01\ndating: { stage: 1, since: 2026-09-01 }\n',
  dan: 'name: Dan\ntier: dater\nsince: 2026-03-01\ndating: { stage: 2, since: 2026-06-01 }\n',
  dot: 'name: Dot\ntier: dater\nsince: 2026-01-01\ndating: { stage: 3, since: 2026-07-01 }\n',
};

/** October 2026, figures chosen so the distributions can be worked out by hand (20 credits an hour). */
export const october: Record<string, string> = {
  // livelihood 10 h = 200; love 100 credits
  ana: 'entries:\n  - { date: 2026-10-05, stream: livelihood, hours: 10, what: Client work }\n  - { date: 2026-10-06, stream: love, credits: 100, what: Translation }\n',
  // livelihood 300 credits; care 5 h = 100
  bob: 'entries:\n  - { date: 2026-10-07, stream: livelihood, credits: 300, what: Fixed-fee job }\n  - { date: 2026-10-08, stream: care, hours: 5, what: Bookkeeping }\n',
  // stage 1: livelihood 10 h = 200 at rate 0; love 2 h = 40
  dee: 'entries:\n  - { date: 2026-10-09, stream: livelihood, hours: 10, what: Client work }\n  - { date: 2026-10-10, stream: love, hours: 2, what: Newsletter }\n',
  // stage 2: livelihood 200 credits at rate 0.5
  dan: 'entries:\n  - { date: 2026-10-11, stream: livelihood, credits: 200, what: Subtitles }\n',
  // stage 3: livelihood 200 credits at rate 0.75
  dot: 'entries:\n  - { date: 2026-10-12, stream: livelihood, credits: 200, what: Proofreading }\n',
};

/** The files of the base state, by path under governance/, with `more` added (null removes a file). */
export function filesOf(more: Record<string, string | null> = {}): Record<string, string> {
  const files: Record<string, string | null> = { 'constitution.yaml': constitution };
  for (const [h, text] of Object.entries(members)) files[`members/${h}.yaml`] = text;
  for (const [h, text] of Object.entries(october)) files[`contributions/2026-10/${h}.yaml`] = text;
  Object.assign(files, more);
  return Object.fromEntries(
    Object.entries(files)
      .filter((e): e is [string, string] => e[1] !== null)
      .map(([k, v]) => [`governance/${k}`, v]),
  );
}

/** Loads the base state with `more`, and checks it validates: value code only ever sees valid states. */
export async function valueState(more: Record<string, string | null> = {}): Promise<State> {
  const loaded = await loadState(memorySource(filesOf(more)));
  const result = validateState(loaded.state, loaded.problems, loaded.texts);
  expect(result.errors).toEqual([]);
  return loaded.state;
}

/** A decision record that a pull request adding `proposal` (a key such as 0005-payout-2026-10) passed. */
export function recordOf(pr: number, proposal: string, outcome: 'passed' | 'failed' = 'passed'): string {
  return `pr: ${pr}
title: Payout
author: ana
base: ${sha('1')}
head: ${sha('2')}
commits: [${sha('3')}]
changes: [{ kind: proposal.add, subject: ${proposal}, file: governance/proposals/${proposal}.yaml }]
rules: [lazy-majority]
opened: 2026-11-01T09:00:00Z
eligible: [ana, bob]
votes: []
outcome: ${outcome}
decided_at: 2026-11-05T09:00:00Z
`;
}
