// The frame of every page: a skip link, the site header with its navigation, the main landmark
// the routes fill, and the footer. Plain CSS, system fonts: nothing is loaded from another host.
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import { siteName } from "@/lib/config";
import "./globals.css";

export function generateMetadata(): Metadata {
  return { title: siteName() };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/** Header links, "Label:/path/,..." (default: the demo's blog and exercise library). */
function navigation(): { label: string; href: string }[] {
  const raw = process.env.RUNSTRENGTH_NAV?.trim() || "Blog:/blog/,Exercise library:/exercises/";
  return raw.split(",").flatMap((entry) => {
    const at = entry.lastIndexOf(":");
    return at > 0 ? [{ label: entry.slice(0, at).trim(), href: entry.slice(at + 1).trim() }] : [];
  });
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container site-header__inner">
            <a className="site-header__name" href="/">
              {siteName()}
            </a>
            <nav aria-label="Main">
              <ul className="site-nav">
                {navigation().map((item) => (
                  <li key={item.href}>
                    <a href={item.href}>{item.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>
              {siteName()} · The advice here does not replace an assessment: stop any exercise that causes sharp or worsening
              pain.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
