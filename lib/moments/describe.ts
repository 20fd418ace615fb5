/** Words for what a track shows at a second, as the moments player's timeline says it. */
import { EXPRESSIONS } from "@/lib/recording.ts";
import { expressionName } from "./export.ts";
import type { MomentSource, TrackSecond } from "./types.ts";

/**
 * What a second showed: "Happy · 82% confidence" (a viewing: the label and its mean
 * probability), "Happy · 61% of 12 viewers" (the audience: the label most viewers showed and
 * their share), "no face in view", or "not recorded" when there is no such second.
 */
export function describeSecond(second: TrackSecond | undefined, source: MomentSource): string {
  if (!second) return "not recorded";
  if (second.label === null) {
    return source === "viewing"
      ? "no face in view"
      : `mostly no face in view (${second.viewers} viewer${second.viewers === 1 ? "" : "s"})`;
  }
  const share = Math.round((second.scores[EXPRESSIONS.indexOf(second.label)] ?? 0) * 100);
  const name = expressionName(second.label);
  if (source === "viewing") return `${name} · ${share}% confidence`;
  return `${name} · ${share}% of ${second.viewers} viewer${second.viewers === 1 ? "" : "s"}`;
}

/** Whose reactions a track holds, in words: "this viewing", "the audience". */
export const SOURCE_NAMES: Record<MomentSource, string> = {
  viewing: "this viewing",
  audience: "the audience",
};
