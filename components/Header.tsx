import type { ComponentChildren } from "preact";
import { Logo } from "./Logo.tsx";

const LINKS = [
  { href: "/", label: "Library" },
  { href: "/watch", label: "Watch" },
  { href: "/recommend", label: "Recommend" },
];

/** Film and viewing pages belong to the library. */
function isCurrent(href: string, path: string): boolean {
  if (href !== "/") return path.startsWith(href);
  return path === "/" || path.startsWith("/films/") || path.startsWith("/screenings/");
}

/** The site header: the mark, the three sections, and whatever controls the layout adds. */
export function Header({ path, children }: { path: string; children?: ComponentChildren }) {
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <a href="/" class="brand" aria-label="Reelfeel home">
          <Logo />
          <span>Reelfeel</span>
        </a>
        <nav class="site-nav" aria-label="Main">
          {LINKS.map((link) => (
            <a
              href={link.href}
              aria-current={isCurrent(link.href, path) ? "page" : undefined}
            >
              {link.label}
            </a>
          ))}
        </nav>
        <div class="site-header__tools">{children}</div>
      </div>
    </header>
  );
}
