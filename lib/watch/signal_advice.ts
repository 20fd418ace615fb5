/**
 * What the viewer is told about the camera's picture, in words of what to fix: during the face
 * check, when a calibration fails, and during the film once the picture has been too poor to read
 * an expression for a while. Never a claim about the viewer's mind: a poor picture makes the
 * expression "unknown". Pure.
 */
import type { QualityIssue } from "@/lib/emotion/types.ts";

/** What keeps a frame from being read: no face, or a quality issue of the picture. */
export type SignalIssue = QualityIssue | "no-face";

/** What to fix for each issue, as the face check and the film's indicator say it. */
export const ADVICE: Record<SignalIssue, string> = {
  "no-face": "We can't see your face",
  small: "Move closer",
  dark: "More light, please",
  flat: "More light, please",
  uncertain: "Face the camera",
  "few-frames": "This device analyses too few frames a second",
};

/** The advice for the first (most pressing) issue, or null when there is none. */
export function adviceFor(issues: readonly SignalIssue[]): string | null {
  return issues.length > 0 ? ADVICE[issues[0]] : null;
}

/** The issues of one analysed frame: no face, else its picture's quality issues. */
export function frameIssues(
  frame: { box: unknown | null; quality: { issues: readonly QualityIssue[] } },
): SignalIssue[] {
  return frame.box === null ? ["no-face"] : [...frame.quality.issues];
}

/** The film's indicator appears once the picture has been poor for longer than this. */
export const POOR_SIGNAL_MS = 10_000;

/** The film's poor-signal indicator: what to fix, or null while the picture is good enough. */
export function poorSignalNotice(
  poorMs: number | null,
  issues: readonly SignalIssue[],
): string | null {
  if (poorMs === null || poorMs <= POOR_SIGNAL_MS) return null;
  const advice = adviceFor(issues.filter((issue) => issue !== "no-face"));
  return `Poor picture for ${Math.floor(poorMs / 1000)} s: expressions are unknown` +
    (advice ? `. ${advice}.` : ".");
}
