// A card for one exercise, in an article's exercise group or block and in the library listing.
// The dose is the article's (`prescription`) when it has one, else the exercise's default.
import { Picture } from "./Picture";
import { difficultyLabel, equipmentLabel } from "@/lib/labels";
import { exerciseHref } from "@/lib/links";
import type { Exercise, ExerciseListItem, Prescription } from "@/lib/types";

interface ExerciseCardProps {
  exercise: Exercise | ExerciseListItem;
  prescription?: Prescription | null;
  note?: string;
  headingLevel: 2 | 3;
  locale?: string;
  eager?: boolean;
}

export function ExerciseCard({ exercise, prescription, note, headingLevel, locale, eager }: ExerciseCardProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const href = exerciseHref(exercise.slug, locale);
  const dose = prescription ?? exercise.prescription;
  return (
    <article className="card exercise-card">
      {exercise.image ? (
        <Picture
          image={exercise.image}
          preferred="card"
          className="card__image"
          sizes="(min-width: 48rem) 22rem, calc(100vw - 2rem)"
          eager={eager}
        />
      ) : null}
      <div className="card__body">
        <Heading className="card__title">{href ? <a href={href}>{exercise.name}</a> : exercise.name}</Heading>
        {exercise.summary ? <p className="card__summary">{exercise.summary}</p> : null}
        <dl className="facts">
          {exercise.target_muscles.length ? (
            <div>
              <dt>Targets</dt>
              <dd>{exercise.target_muscles.map((muscle) => muscle.name).join(", ")}</dd>
            </div>
          ) : null}
          {dose?.text ? (
            <div className="facts__dose">
              <dt>Dose</dt>
              <dd>{dose.text}</dd>
            </div>
          ) : null}
          <div>
            <dt>Level</dt>
            <dd>
              {difficultyLabel(exercise.difficulty)} · {equipmentLabel(exercise.equipment)}
            </dd>
          </div>
        </dl>
        {note ? <p className="exercise-card__note">{note}</p> : null}
      </div>
    </article>
  );
}
