/** The "Moments" section of a viewing's or a film's page: the moments player island. */
import MomentsPlayer, { type MomentsPlayerProps } from "@/islands/MomentsPlayer.tsx";

export function MomentsSection(props: MomentsPlayerProps) {
  return (
    <section class="section moments-section" id="moments">
      <h2>Moments</h2>
      <MomentsPlayer {...props} />
    </section>
  );
}
