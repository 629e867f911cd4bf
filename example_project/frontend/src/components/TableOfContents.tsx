// "In this article": links to the body's headings by their anchors, shown when there are more
// than two (as on the package's HTML page).
import type { Block } from "@/lib/types";

export function TableOfContents({ blocks }: { blocks: Block[] }) {
  const headings = blocks.flatMap((block) => (block.type === "heading" && block.value.level === "h2" ? [block.value] : []));
  if (headings.length <= 2) return null;
  return (
    <nav className="toc" aria-labelledby="toc-title">
      <h2 id="toc-title" className="toc__title">
        In this article
      </h2>
      <ol>
        {headings.map((heading) => (
          <li key={heading.anchor}>
            <a href={`#${heading.anchor}`}>{heading.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
