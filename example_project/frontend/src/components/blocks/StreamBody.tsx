// The article body: one component per block type of RunStrengthArticleBody, chosen by `type`.
// The switch is exhaustive: a block type added to the OpenAPI snapshot fails the type check here
// until it has a component.
import { Fragment } from "react";

import { CallToActionBlock } from "./CallToActionBlock";
import type { BlockContext } from "./context";
import { EmbedBlock } from "./EmbedBlock";
import { ExerciseBlock } from "./ExerciseBlock";
import { ExerciseGroupBlock } from "./ExerciseGroupBlock";
import { HeadingBlock } from "./HeadingBlock";
import { ImageBlock } from "./ImageBlock";
import { KeyPointsBlock } from "./KeyPointsBlock";
import { ParagraphBlock } from "./ParagraphBlock";
import { QuoteBlock } from "./QuoteBlock";
import { RelatedPostsBlock } from "./RelatedPostsBlock";
import { TipsBlock } from "./TipsBlock";
import type { Block } from "@/lib/types";

function renderBlock(block: Block, context: BlockContext) {
  switch (block.type) {
    case "heading":
      return <HeadingBlock value={block.value} />;
    case "paragraph":
      return <ParagraphBlock value={block.value} />;
    case "image":
      return <ImageBlock value={block.value} />;
    case "key_points":
      return <KeyPointsBlock value={block.value} />;
    case "tips":
      return <TipsBlock value={block.value} />;
    case "exercise":
      return <ExerciseBlock value={block.value} context={context} />;
    case "exercise_group":
      return <ExerciseGroupBlock id={block.id} value={block.value} context={context} />;
    case "call_to_action":
      return <CallToActionBlock id={block.id} value={block.value} context={context} />;
    case "quote":
      return <QuoteBlock value={block.value} />;
    case "embed":
      return <EmbedBlock value={block.value} />;
    case "related_posts":
      return <RelatedPostsBlock id={block.id} value={block.value} context={context} />;
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

export function StreamBody({ blocks, context }: { blocks: Block[]; context: BlockContext }) {
  return (
    <>
      {blocks.map((block) => (
        <Fragment key={block.id}>{renderBlock(block, context)}</Fragment>
      ))}
    </>
  );
}
