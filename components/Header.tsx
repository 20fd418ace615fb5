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

/** Who is signed in, as the header shows it (shared mode only; personal mode shows nothing). */
export type HeaderAccount = { signedIn: boolean } | null;

/** The site header: the mark, the three sections, and whatever controls the layout adds. */
export function Header(
  { path, account, children }: {
    path: string;
    account?: HeaderAccount;
    children?: ComponentChildren;
  },
) {
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
        <div class="site-header__tools">
          {account && (
            account.signedIn
              ? (
                <a
                  class="site-header__account"
                  href="/account"
                  aria-current={path === "/account" ? "page" : undefined}
                >
                  Account
                </a>
              )
              : <a class="site-header__account" href="/sign-in">Sign in</a>
          )}
          {children}
        </div>
      </div>
    </header>
  );
}
