// Which pull requests a workflow event concerns, from its name and payload (GitHub's shapes, read as untrusted data).
import type { GateEvent } from './gate.ts';

export interface EventPayload {
  pull_request?: { number: number };
  issue?: { number: number; pull_request?: unknown };
  workflow_run?: { head_sha: string; name?: string; conclusion?: string | null };
  inputs?: { pull_request?: string };
  repository?: { default_branch?: string };
}

/** The gate's event, or a sentence saying why there is nothing to do. */
export function gateEvent(name: string, payload: EventPayload): GateEvent | string {
  switch (name) {
    case 'pull_request_target':
    case 'pull_request':
      if (payload.pull_request === undefined) return 'The event names no pull request: nothing to judge.';
      return { kind: 'pull-request', number: payload.pull_request.number };
    case 'issue_comment':
      if (payload.issue?.pull_request === undefined) return 'The comment is on an issue, not a pull request: nothing to judge.';
      return { kind: 'comment', number: payload.issue.number };
    case 'workflow_run':
      if (payload.workflow_run === undefined) return 'The event names no workflow run: nothing to judge.';
      return { kind: 'relay', headSha: payload.workflow_run.head_sha };
    case 'schedule':
      return { kind: 'sweep' };
    case 'workflow_dispatch': {
      const input = payload.inputs?.pull_request?.trim() ?? '';
      if (input === '') return { kind: 'sweep' };
      const number = Number.parseInt(input.replace(/^#/, ''), 10);
      if (!Number.isSafeInteger(number) || number <= 0 || String(number) !== input.replace(/^#/, '')) {
        return `The input pull_request is "${input}", which is not a pull request number: give a number such as 12, or leave it empty to judge every open pull request.`;
      }
      return { kind: 'pull-request', number };
    }
    default:
      return `The gate does not run on ${name} events: it runs on pull_request_target, issue_comment, workflow_run (the review relay), schedule and workflow_dispatch.`;
  }
}
