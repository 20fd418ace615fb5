/** The Reelfeel mark: a film frame with a pulse through it. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" class="logo">
      <rect x="2" y="5" width="28" height="22" rx="5" fill="currentColor" opacity="0.15" />
      <rect
        x="2"
        y="5"
        width="28"
        height="22"
        rx="5"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
      />
      <path
        d="M5 17h6l2.5-6 4 11 3-8 1.5 3H27"
        fill="none"
        stroke="var(--accent)"
        stroke-width="2.4"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
