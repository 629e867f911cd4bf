// The frame of every page: a skip link, the site header with its navigation, the main landmark
// the routes fill, and the footer. Plain CSS, system fonts: nothing is loaded from another host.
// <html lang> is the language of the page shown (from the API's answer); the frame's own English
// words say they are English when the page is in another language.
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import { defaultLocale, siteName } from "@/lib/config";
import { htmlLang, requestLanguage } from "@/lib/site";
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

export default async function RootLayout({ children }: { children: ReactNode }) {
  const language = await requestLanguage();
  const site = htmlLang(defaultLocale());
  const frame = language === site ? undefined : site;
  return (
    <html lang={language}>
      <body>
        <a className="skip-link" href="#main" lang={frame}>
          Skip to content
        </a>
        <header className="site-header" lang={frame}>
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
        <footer className="site-footer" lang={frame}>
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
