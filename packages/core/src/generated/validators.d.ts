// Generated from schemas/ by scripts/schemas.mjs. Do not edit.
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The kinds of file a governance state is made of, each with its own schema. */
export type FileKind = 'constitution' | 'member' | 'commitment' | 'contributions' | 'proposal' | 'decision';

export const fileKinds: readonly FileKind[];

export const constitution: GeneratedValidator;
export const member: GeneratedValidator;
export const commitment: GeneratedValidator;
export const contributions: GeneratedValidator;
export const proposal: GeneratedValidator;
export const decision: GeneratedValidator;
