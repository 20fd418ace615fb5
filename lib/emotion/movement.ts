/** Head movement between two frames, pure. */
import type { Box } from "./types.ts";

/**
 * How far the face centre moved from `previous` to `next`, in face widths (the mean of the
 * two), so that it depends neither on the camera's resolution nor on how near the viewer
 * sits. 0 when either frame has no face: a face that left and came back has no known path.
 */
export function movementBetween(previous: Box | null, next: Box | null): number {
  if (!previous || !next) return 0;
  const width = (previous.width + next.width) / 2;
  if (!(width > 0)) return 0;
  const dx = next.x + next.width / 2 - (previous.x + previous.width / 2);
  const dy = next.y + next.height / 2 - (previous.y + previous.height / 2);
  return Math.hypot(dx, dy) / width;
}
