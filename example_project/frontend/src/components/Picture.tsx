// An <img> with a srcset of the API's renditions of one image: the browser picks the size.
// Every rendition the API sent is offered (they may differ in shape: hero 16:9, card 3:2); the
// element keeps the shape of the `preferred` one through its width/height and CSS object-fit.
import { apiUrl } from "@/lib/config";
import type { Image, Rendition } from "@/lib/types";

function absolute(rendition: Rendition): string {
  // full_url carries WAGTAILADMIN_BASE_URL with local storage; a storage URL is already absolute.
  if (/^https?:\/\//.test(rendition.full_url)) return rendition.full_url;
  return `${apiUrl()}${rendition.url}`;
}

interface PictureProps {
  image: Image;
  /** The rendition whose size and shape the element takes ("hero", "card", "large", ...). */
  preferred: string;
  sizes: string;
  /** The alt text; defaults to the API's (which is "" for a decorative image). */
  alt?: string;
  className?: string;
  eager?: boolean;
}

export function Picture({ image, preferred, sizes, alt, className, eager = false }: PictureProps) {
  const renditions = Object.values(image.renditions).sort((a, b) => a.width - b.width);
  const main = image.renditions[preferred] ?? renditions[renditions.length - 1];
  if (!main) return null;
  const seen = new Set<number>();
  const srcSet = renditions
    .filter((rendition) => (seen.has(rendition.width) ? false : (seen.add(rendition.width), true)))
    .map((rendition) => `${absolute(rendition)} ${rendition.width}w`)
    .join(", ");
  return (
    <img
      src={absolute(main)}
      srcSet={srcSet}
      sizes={sizes}
      width={main.width}
      height={main.height}
      alt={alt ?? (image.decorative ? "" : image.alt)}
      className={className}
      loading={eager ? "eager" : "lazy"}
      fetchPriority={eager ? "high" : undefined}
      decoding="async"
    />
  );
}
