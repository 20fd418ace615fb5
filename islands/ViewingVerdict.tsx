/**
 * The viewer's verdict on the viewing's page: changeable by the browser that recorded the
 * viewing (it holds the write token); elsewhere the verdict is only shown, as the server
 * rendered it.
 */
import { useEffect, useState } from "preact/hooks";
import { VerdictControl } from "@/components/VerdictControl.tsx";
import { getToken } from "@/lib/browser/tokens.ts";

export interface ViewingVerdictProps {
  screeningId: string;
  verdict: number | null;
}

export default function ViewingVerdict({ screeningId, verdict }: ViewingVerdictProps) {
  const [token, setToken] = useState<string | null>(null);
  useEffect(() => setToken(getToken(screeningId)), []);
  if (token) return <VerdictControl screeningId={screeningId} token={token} initial={verdict} />;
  return (
    <p class="muted small" data-verdict={verdict ?? ""}>
      {verdict === null
        ? "No verdict was given for this viewing."
        : `The viewer's verdict: ${verdict.toFixed(1)} out of 10.`}
    </p>
  );
}
