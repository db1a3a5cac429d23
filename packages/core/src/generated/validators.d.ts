// Types of the validator module generated from schemas/ by scripts/schemas.mjs.
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const constitution: GeneratedValidator;
export const member: GeneratedValidator;
export const commitment: GeneratedValidator;
export const contributions: GeneratedValidator;
export const proposal: GeneratedValidator;
export const decision: GeneratedValidator;
