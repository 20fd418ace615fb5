/** The per-request state every route sees. */
import type { BaseState } from "./framework/types.ts";

export type AppState = BaseState;
