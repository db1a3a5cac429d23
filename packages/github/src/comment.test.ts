// The gate's comment and status line: what they say, what the sweep reads back, and the memory hidden in the comment.
import { describe, expect, it } from 'vitest';
import type { Decision } from '@cooperage/core';
import { decidesAt, MARKER, nothing, readMemory, statusLine, waiting } from './comment.ts';
import { gateEvent } from './events.ts';

const pending = (decides_at: string | null): Decision => ({ outcome: 'pending', decides_at, reasons: [], rules: [], ignored: [] });

describe('the status line', () => {
  it('says when time decides a pending pull request, and the sweep reads that time back', () => {
    const line = statusLine(pending('2026-12-09T10:00:00Z'));
    expect(line).toBe('Pending; decides 2026-12-09 10:00 UTC.');
    expect(decidesAt(line)).toBe('2026-12-09T10:00:00Z');
  });

  it('gives no time to read back when only votes can decide', () => {
    expect(decidesAt(statusLine(pending(null)))).toBeUndefined();
  });

  it('says why a pull request failed when no rule was tallied', () => {
    expect(statusLine({ outcome: 'failed', decides_at: null, reasons: ['The state it leaves is not valid.'], rules: [], ignored: [] })).toBe(
      'Failed: The state it leaves is not valid.',
    );
  });
});

describe('the memory in the comment', () => {
  it('is read back as it was written, and survives the comment being rewritten', () => {
    const memory = { seen: { abc: '2026-12-01T10:00:00Z', def: '2026-12-02T09:00:00Z' } };
    const body = waiting('A draft is not open for votes.', memory).body;
    expect(body.startsWith(MARKER)).toBe(true);
    expect(readMemory(body)).toEqual(memory);
    expect(readMemory(nothing(readMemory(body)).body)).toEqual(memory);
  });

  it('keeps the newest twenty change sets', () => {
    const seen = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`d${i}`, `2026-12-${String(i + 1).padStart(2, '0')}T00:00:00Z`]));
    const kept = readMemory(waiting('x', { seen }).body).seen;
    expect(Object.keys(kept)).toHaveLength(20);
    expect(kept.d24).toBe('2026-12-25T00:00:00Z');
    expect(kept.d0).toBeUndefined();
  });

  it('forgets what it cannot read rather than failing: a hand-edited or foreign state is empty', () => {
    expect(readMemory(undefined)).toEqual({ seen: {} });
    expect(readMemory(`${MARKER}\n<!-- cooperage:state {not json} -->`)).toEqual({ seen: {} });
    expect(readMemory(`<!-- cooperage:state {"seen":{"a":"yesterday","b":"2026-12-01T00:00:00Z"}} -->`)).toEqual({ seen: { b: '2026-12-01T00:00:00Z' } });
  });
});

describe('the events the gate answers', () => {
  it('judges the pull request a pull_request_target event or a comment on a pull request names', () => {
    expect(gateEvent('pull_request_target', { pull_request: { number: 7 } })).toEqual({ kind: 'pull-request', number: 7 });
    expect(gateEvent('issue_comment', { issue: { number: 7, pull_request: {} } })).toEqual({ kind: 'comment', number: 7 });
  });

  it('does nothing for a comment on an issue, and says so', () => {
    expect(gateEvent('issue_comment', { issue: { number: 3 } })).toMatch(/on an issue, not a pull request/);
  });

  it("finds the relay's pull request by its head commit alone, and sweeps on schedule or an empty dispatch", () => {
    expect(gateEvent('workflow_run', { workflow_run: { head_sha: 'a'.repeat(40) } })).toEqual({ kind: 'relay', headSha: 'a'.repeat(40) });
    expect(gateEvent('schedule', {})).toEqual({ kind: 'sweep' });
    expect(gateEvent('workflow_dispatch', { inputs: { pull_request: '' } })).toEqual({ kind: 'sweep' });
    expect(gateEvent('workflow_dispatch', { inputs: { pull_request: '#12' } })).toEqual({ kind: 'pull-request', number: 12 });
  });

  it('refuses a dispatch input that is not a number, and an event it does not run on, in a sentence', () => {
    expect(gateEvent('workflow_dispatch', { inputs: { pull_request: '12abc' } })).toMatch(/not a pull request number/);
    expect(gateEvent('push', {})).toMatch(/does not run on push events/);
  });
});
