// `image`: a figure with the `large` rendition and the caption. A deleted image (`image: null`)
// leaves nothing, as on the package's HTML page.
import { Picture } from "../Picture";
import type { BlockOf } from "@/lib/types";

export function ImageBlock({ value }: { value: BlockOf<"image">["value"] }) {
  if (!value.image) return null;
  return (
    <figure className="figure">
      <Picture image={value.image} preferred="large" sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)" />
      {value.caption ? <figcaption>{value.caption}</figcaption> : null}
    </figure>
  );
}
