import type { z } from 'zod';

/** One contract method: a schema for its single object argument and one for its result. */
export interface MethodSpec<
  A extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly args: A;
  readonly result: R;
  /** One line for humans (the README, error messages, the console). */
  readonly summary: string;
}

export type MethodMap = Record<string, MethodSpec>;
export type EventMap = Record<string, z.ZodType>;

/** Identity helpers that keep literal keys while checking the shape. */
export const defineMethods = <T extends MethodMap>(methods: T): T => methods;
export const defineEvents = <T extends EventMap>(events: T): T => events;
