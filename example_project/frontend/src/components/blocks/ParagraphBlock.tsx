// `paragraph`: rich text (HTML) with real URLs for internal links.
import { RichText } from "../RichText";
import type { BlockOf } from "@/lib/types";

export function ParagraphBlock({ value }: { value: BlockOf<"paragraph">["value"] }) {
  return <RichText html={value} className="prose" />;
}
