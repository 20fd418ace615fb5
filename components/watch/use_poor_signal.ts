/**
 * The film's poor-signal indicator: once a second, while the film is recorded, reads how long
 * the camera's picture has been too poor to read an expression (`tracker.poorSignalMs`) and
 * what is wrong with it (the last frame's quality issues); words it (`poorSignalNotice`).
 */
import { useEffect, useState } from "preact/hooks";
import type { CameraSession } from "@/lib/browser/camera_session.ts";
import { frameIssues, poorSignalNotice } from "@/lib/watch/signal_advice.ts";

export function usePoorSignal(session: CameraSession | null, active: boolean): string | null {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!active || !session) {
      setNotice(null);
      return;
    }
    const read = () => {
      const last = session.tracker.last;
      setNotice(poorSignalNotice(session.tracker.poorSignalMs, last ? frameIssues(last) : []));
    };
    read();
    const timer = setInterval(read, 1000);
    return () => clearInterval(timer);
  }, [session, active]);
  return notice;
}
