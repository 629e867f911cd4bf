// `exercise_group`: an optional heading and intro, then a grid of exercise cards, all from the one
// article response (no request per exercise).
import { ExerciseCard } from "../ExerciseCard";
import type { BlockContext } from "./context";
import type { BlockOf } from "@/lib/types";

interface Props {
  id: string;
  value: BlockOf<"exercise_group">["value"];
  context: BlockContext;
}

export function ExerciseGroupBlock({ id, value, context }: Props) {
  const headingId = `exercises-${id}`;
  return (
    <section className="exercise-group" aria-labelledby={value.heading ? headingId : undefined}>
      {value.heading ? (
        <h2 id={headingId} className="heading">
          {value.heading}
        </h2>
      ) : null}
      {value.intro ? <p>{value.intro}</p> : null}
      <ul className="card-grid" role="list">
        {value.exercises.map((item) => (
          <li key={item.exercise.id}>
            <ExerciseCard
              exercise={item.exercise}
              prescription={item.prescription}
              note={item.note}
              headingLevel={3}
              locale={context.locale}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
