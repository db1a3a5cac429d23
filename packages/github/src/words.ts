// Core's errors in the words of a pull request comment: they speak of the branch, the workflow and the files, never of command-line flags.
import type { CoopError, ErrorCode, ErrorData } from '@cooperage/core';

type Wording<C extends ErrorCode> = (data: ErrorData[C], baseRef: string, message: string) => string;

const WORKFLOW = 'the gate’s workflow (.github/workflows/cooperage-gate.yml)';

/** The errors a judgement of a pull request can meet, worded for its page; any other keeps core's own message. */
const sentences: { [C in ErrorCode]?: Wording<C> } = {
  'check.base-missing': (_data, baseRef) =>
    `${baseRef} has no governance/ folder, so there are no rules to judge this pull request by. A collective’s first governance/ (coop init) is committed to ${baseRef} directly, not through a pull request.`,
  'check.base-constitution': ({ problem }, baseRef) => {
    const why =
      problem === undefined
        ? 'It has no governance/constitution.yaml.'
        : `\`${problem.file}:${problem.line}:${problem.column}\` ${problem.code}: ${problem.message}`;
    return `${baseRef} has no valid constitution, and the rules that judge a pull request come from the branch it merges into. ${why} Fix the constitution on ${baseRef} first.`;
  },
  'state.missing': (_data, baseRef) =>
    `There is no governance/ folder where the gate looks in ${baseRef}. If the project lives in a folder of the repository, set the action’s \`repo\` input to it in ${WORKFLOW}.`,
  'git.shallow': () =>
    `The gate’s checkout is too shallow to find where this pull request left its base. Set \`fetch-depth: 0\` on the checkout step of ${WORKFLOW}.`,
  'git.missing-object': ({ oid }) =>
    `The gate’s checkout lacks the git object ${oid.slice(0, 7)} it needs. Set \`fetch-depth: 0\` on the checkout step of ${WORKFLOW}, then run the gate again.`,
  'git.not-a-repository': ({ dir }) => `${dir} is not a git checkout: the gate runs after actions/checkout in ${WORKFLOW}.`,
};

/** A core error in a comment's words. */
export function commentSentence(error: CoopError, baseRef: string): string {
  const wording = sentences[error.code] as Wording<ErrorCode> | undefined;
  return wording === undefined ? error.message : wording(error.data, baseRef, error.message);
}
