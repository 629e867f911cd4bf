// `embed`: the API sends only the address the editor entered, and the frontend picks the player.
// YouTube and Vimeo get their privacy-enhanced players (loaded lazily, only when scrolled to);
// any other address is a plain link. The link is always there, for readers without frames.
import type { BlockOf } from "@/lib/types";

function playerFor(url: string): { src: string; provider: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = parsed.hostname.replace(/^www\./, "");
  const youtubeId =
    host === "youtu.be"
      ? parsed.pathname.slice(1)
      : host === "youtube.com" || host === "m.youtube.com"
        ? parsed.searchParams.get("v") ?? (parsed.pathname.match(/^\/(?:embed|shorts)\/([\w-]+)/)?.[1] ?? null)
        : null;
  if (youtubeId && /^[\w-]{6,20}$/.test(youtubeId)) {
    return { src: `https://www.youtube-nocookie.com/embed/${youtubeId}`, provider: "YouTube" };
  }
  const vimeoId = host === "vimeo.com" ? parsed.pathname.match(/^\/(\d+)/)?.[1] : null;
  if (vimeoId) return { src: `https://player.vimeo.com/video/${vimeoId}?dnt=1`, provider: "Vimeo" };
  return null;
}

export function EmbedBlock({ value }: { value: BlockOf<"embed">["value"] }) {
  if (!value?.url) return null;
  const player = playerFor(value.url);
  return (
    <figure className="embed">
      {player ? (
        <div className="embed__frame">
          <iframe
            src={player.src}
            title={`Video on ${player.provider}`}
            loading="lazy"
            allow="fullscreen; picture-in-picture"
            referrerPolicy="strict-origin-when-cross-origin"
          />
        </div>
      ) : null}
      <figcaption>
        <a href={value.url}>{player ? `Watch the video on ${player.provider}` : value.url}</a>
      </figcaption>
    </figure>
  );
}
