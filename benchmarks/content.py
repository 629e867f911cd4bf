"""The words of the benchmark articles, shared by the structured article and its plain-blog twin.

One article is written per topic below, in the structure of the reference
article (design.md section 1): intro, a heading and key points, an exercise
group of four, scheduling tips, a closing heading and paragraph with a photo,
a call to action and related posts. The plain blog gets the same words as one
rich-text body (``baseline_body``), so the two pages differ in structure, not
in text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

# name, summary, target muscle slugs (seeded by the package's migration 0002),
# equipment, difficulty, sets, reps, seconds, per side
EXERCISES = [
    (
        "Squat to calf raise",
        "Builds quad and calf strength for push-off.",
        ["quadriceps", "calves"],
        "bodyweight",
        "beginner",
        3,
        12,
        None,
        False,
    ),
    (
        "Bulgarian split squat",
        "Single-leg strength for the quads and glutes.",
        ["quadriceps", "glute-max"],
        "bench",
        "intermediate",
        3,
        8,
        None,
        True,
    ),
    (
        "Side-lying hip abduction",
        "Strengthens the glute medius to keep the pelvis level.",
        ["glute-medius"],
        "bodyweight",
        "beginner",
        3,
        15,
        None,
        True,
    ),
    (
        "Lateral step-up",
        "Trains the hip and knee to stay aligned on one leg.",
        ["glute-medius", "quadriceps"],
        "step_or_box",
        "beginner",
        3,
        10,
        None,
        True,
    ),
    (
        "Single-leg Romanian deadlift",
        "Loads the hamstrings and glutes through hip hinge.",
        ["hamstrings", "glute-max"],
        "dumbbells",
        "intermediate",
        3,
        8,
        None,
        True,
    ),
    (
        "Glute bridge march",
        "Wakes up the glutes and trains the trunk against rotation.",
        ["glute-max", "core"],
        "bodyweight",
        "beginner",
        3,
        10,
        None,
        False,
    ),
    (
        "Eccentric calf lower",
        "Builds Achilles and calf tolerance to load.",
        ["calves"],
        "step_or_box",
        "beginner",
        3,
        15,
        None,
        True,
    ),
    (
        "Copenhagen plank",
        "Strengthens the adductors that steady the knee.",
        ["adductors", "obliques"],
        "bench",
        "advanced",
        3,
        None,
        20,
        True,
    ),
    (
        "Dead bug",
        "Trains the deep core to hold the trunk still while the limbs move.",
        ["core"],
        "bodyweight",
        "beginner",
        3,
        10,
        None,
        True,
    ),
    (
        "Side plank with hip lift",
        "Strengthens the obliques and outer hip together.",
        ["obliques", "glute-medius"],
        "bodyweight",
        "intermediate",
        3,
        None,
        30,
        True,
    ),
    (
        "Goblet squat",
        "Loads the quads and glutes through a full squat.",
        ["quadriceps", "glute-max"],
        "kettlebell",
        "beginner",
        3,
        10,
        None,
        False,
    ),
    (
        "Nordic hamstring lower",
        "Eccentric strength for the hamstrings at long lengths.",
        ["hamstrings"],
        "other",
        "advanced",
        3,
        5,
        None,
        False,
    ),
    (
        "Tibialis raise",
        "Strengthens the shin muscles that control the foot at landing.",
        ["tibialis-anterior"],
        "bodyweight",
        "beginner",
        2,
        20,
        None,
        False,
    ),
    (
        "Banded lateral walk",
        "Builds glute medius endurance for long runs.",
        ["glute-medius"],
        "resistance_band",
        "beginner",
        3,
        12,
        None,
        True,
    ),
    (
        "Reverse lunge to knee drive",
        "Single-leg strength with the running arm and knee pattern.",
        ["quadriceps", "hip-flexors"],
        "bodyweight",
        "intermediate",
        3,
        10,
        None,
        True,
    ),
    (
        "Short-foot hold",
        "Trains the small muscles of the arch.",
        ["foot-intrinsics"],
        "bodyweight",
        "beginner",
        3,
        None,
        20,
        True,
    ),
]

TAGS = [
    "Running", "Strength training", "Injury prevention", "Knee", "Hip", "Achilles", "Marathon", "Half marathon",
    "Trail running", "Beginners", "Masters runners", "Recovery", "Running economy", "Speed", "Plyometrics",
    "Mobility", "Core", "Calves", "Glutes", "Hamstrings", "Shin splints", "Plantar fascia", "Return to running",
    "Training plans", "Warm-up", "Race day", "Women's health", "Youth athletes", "Cross-training", "Load management",
]  # fmt: skip

CATEGORIES = ["Athletic Performance", "Injury Prevention", "Rehabilitation", "Training Tips", "Clinic News", "Research"]

CLINICIANS = [
    ("Dana Ortiz", "DPT, OCS", "Physical therapist"),
    ("Sam Lee", "PT, MSc", "Sports physiotherapist"),
    ("Priya Nair", "DPT, SCS", "Clinical lead"),
    ("Tom Becker", "CSCS", "Strength coach"),
]

CTA = {
    "heading": "Our physical therapists are ready to help",
    "text": "Book a running assessment and leave with a strength plan built around your training week.",
    "button_label": "Book an assessment",
    "url": "https://clinic.example/book/",
}


@dataclass
class Topic:
    title: str
    intro: list[str]
    why_heading: str
    why: str
    key_points: list[tuple[str, str]]
    exercises_heading: str
    exercises_intro: str
    tips_heading: str
    tips_intro: str
    tips: list[tuple[str, str]]
    closing_heading: str
    closing: list[str]
    caption: str
    tags: list[str] = field(default_factory=list)

    @property
    def excerpt(self) -> str:
        return self.intro[0]


TOPICS = [
    Topic(
        title="The essential guide to strength training for runners",
        intro=[
            "Most runners know they should lift, and most put it off until a niggle forces the issue. Strength work is not a second sport: two short sessions a week, done well, change how your body copes with every mile you run.",
            "This guide explains what strength training does for runners, which four exercises give the most return for the time, and how to fit them around your running without arriving at every session tired.",
        ],
        why_heading="Why strength training matters for runners",
        why="Running is a series of single-leg landings, each one asking your muscles and tendons to absorb two to three times your body weight. Over a ten-kilometre run that is several thousand landings per leg. Strength training raises the ceiling of what those tissues can tolerate, so the same run takes a smaller share of your capacity and leaves more in reserve for the last kilometres.",
        key_points=[
            (
                "Injury prevention",
                "Stronger muscles and tendons tolerate the repeated load of each stride, and strength programmes have been shown to lower the rate of overuse injuries.",
            ),
            (
                "Running economy",
                "A stiffer, stronger leg wastes less energy on each step, so a given pace costs less oxygen.",
            ),
            (
                "Endurance",
                "When each stride uses a smaller share of your maximum strength, fatigue arrives later in a long run or race.",
            ),
            (
                "Speed and power",
                "Heavier, slower lifts and quick jumps teach the nervous system to produce force fast, which shows up in finishing kicks and hills.",
            ),
        ],
        exercises_heading="Key exercises",
        exercises_intro="Start with two sets of each and build to three over a few weeks. Move slowly and stop a set when your form starts to slip.",
        tips_heading="How to fit strength training into your week",
        tips_intro="The best programme is the one you keep doing. These habits help it stick.",
        tips=[
            (
                "Two or three sessions a week",
                "Lift on non-consecutive days, ideally after an easy run or on a rest day, never the day before a key session.",
            ),
            (
                "Start gradually",
                "Begin with body weight and lower volume. Soreness in the first fortnight is normal; pain that changes your running is not.",
            ),
            (
                "Progress over time",
                "Add a few repetitions, then a set, then load. Change one thing at a time so you can tell what helped.",
            ),
            (
                "Prioritise recovery",
                "Sleep, food and easy days are where the adaptation happens. A tired session done badly teaches the wrong pattern.",
            ),
        ],
        closing_heading="Stronger for the long run",
        closing=[
            "Strength training will not replace the running itself, but it makes the running you do more durable. Give it eight to twelve weeks before you judge it: tendons adapt more slowly than muscles, and the benefit shows first as niggles that never turn into injuries.",
        ],
        caption="Lateral step-ups build the single-leg control running asks for.",
        tags=["Running", "Strength training", "Injury prevention"],
    ),
    Topic(
        title="Hip strength for runners with sore knees",
        intro=[
            "Knee pain is the most common complaint we see in runners, and the knee is often the victim rather than the cause. When the hip muscles tire, the thigh drops inward on landing and the knee takes a load it was not built for.",
            "Strengthening the hips is one of the best-supported treatments for runner's knee. Here is why it works and how to start.",
        ],
        why_heading="What the hips do on every stride",
        why="On each landing the glute medius keeps the pelvis level and the thigh in line over the foot. If it is weak or fatigued, the opposite hip drops, the thigh rotates inward and the kneecap tracks against the side of its groove. Runners rarely notice the change, but over a long run it adds up to a sore, aching knee that is worst on stairs and downhills.",
        key_points=[
            (
                "Level pelvis",
                "A strong glute medius stops the pelvis dropping on the swing side, which keeps the thigh aligned.",
            ),
            (
                "Better knee tracking",
                "With the thigh in line, the kneecap glides in the centre of its groove rather than pressing on one side.",
            ),
            (
                "Less load on the front of the knee",
                "Strong hips share the braking work that the quadriceps and patellar tendon would otherwise do alone.",
            ),
            (
                "Faster return to running",
                "Hip and knee strengthening together reduce pain sooner than knee exercises alone.",
            ),
        ],
        exercises_heading="Hip exercises to start with",
        exercises_intro="Do these three times a week for the first month, then twice a week alongside your normal strength routine.",
        tips_heading="Running while your knee settles",
        tips_intro="Most runners can keep running through the rehabilitation with a few changes.",
        tips=[
            (
                "Keep pain low",
                "A little discomfort that settles by the next morning is acceptable. Pain that builds during a run means shorten or slow down.",
            ),
            ("Shorten your stride", "A slightly quicker cadence reduces the load on the knee with each landing."),
            ("Avoid long descents", "Downhills load the front of the knee most. Walk them for a few weeks."),
            (
                "Check your shoes",
                "Worn-out shoes rarely cause knee pain, but a sudden change of shoe often triggers it.",
            ),
        ],
        closing_heading="When to see a physical therapist",
        closing=[
            "If your knee swells, locks, gives way or has not improved after four weeks of sensible changes, book an assessment. A physical therapist can check the hip, knee and foot together and tailor the exercises to what they find.",
        ],
        caption="Side-lying hip abduction targets the glute medius directly.",
        tags=["Knee", "Hip", "Glutes", "Return to running"],
    ),
    Topic(
        title="Calf and Achilles strength for distance runners",
        intro=[
            "The calf muscles do more work in running than any other muscle group, producing forces of six to eight times body weight at every push-off. Yet most strength programmes for runners stop at squats and lunges.",
            "If you have had Achilles trouble, or you are adding distance for a marathon, calf strength deserves a place of its own in your week.",
        ],
        why_heading="Why the calves and Achilles need their own work",
        why="The soleus, the deep calf muscle, takes the largest share of the load at running speeds, and the Achilles tendon stores and returns energy like a spring. Tendons adapt slowly and only to heavy, slow loading, which is exactly what running does not provide. Dedicated calf work fills that gap and is the first-line treatment for Achilles pain.",
        key_points=[
            (
                "Tendon capacity",
                "Slow, heavy calf raises make the Achilles stiffer and more tolerant of load over eight to twelve weeks.",
            ),
            (
                "Soleus endurance",
                "Bent-knee raises target the soleus, which carries most of the load late in a long run.",
            ),
            ("Better push-off", "Stronger calves produce more force at toe-off for the same effort."),
            ("Fewer setbacks", "Runners who keep calf work in their routine have fewer recurrences of Achilles pain."),
        ],
        exercises_heading="Calf and foot exercises",
        exercises_intro="Do the raises slowly: three seconds up, three seconds down. Add a backpack with books once body weight feels easy.",
        tips_heading="Looking after your Achilles",
        tips_intro="Small changes to your running make the calf work go further.",
        tips=[
            (
                "Change one thing at a time",
                "New shoes, more hills and more mileage in the same month is a common recipe for Achilles pain.",
            ),
            (
                "Warm up before speed",
                "Easy running and a few skips before intervals prepare the tendon for faster loading.",
            ),
            (
                "Morning stiffness is a signal",
                "Stiffness that lasts longer than usual means the tendon needs a lighter week.",
            ),
            (
                "Do not stretch a sore tendon",
                "Stretching compresses an irritated Achilles. Keep to the strength work instead.",
            ),
        ],
        closing_heading="Patience pays off",
        closing=[
            "Calf strength builds over months, not weeks. Keep the raises in your routine even when the tendon feels fine: the runners who stop the exercises are the ones who come back.",
        ],
        caption="Eccentric calf lowers on a step load the Achilles tendon slowly.",
        tags=["Achilles", "Calves", "Marathon"],
    ),
    Topic(
        title="Core stability for trail runners",
        intro=[
            "Trails ask for something the road does not: a trunk that holds steady while the feet react to roots, rocks and changes of camber. A strong core is what lets your legs do their job on uneven ground.",
            "Core work for runners is not about sit-ups. It is about controlling rotation and keeping the pelvis steady when one leg is off the ground.",
        ],
        why_heading="What the core does when you run off-road",
        why="Every stride on a trail includes small, unplanned rotations and side bends. The deep abdominal muscles, the obliques and the muscles around the spine brace the trunk so the hips have a stable base to move from. When they tire, runners start to sway, the stride shortens and the ankles take more of the correction.",
        key_points=[
            ("Steadier pelvis", "A braced trunk gives the hip muscles a fixed point to pull from on each landing."),
            (
                "Better balance",
                "Core strength and single-leg control together reduce rolled ankles on technical ground.",
            ),
            ("Efficient climbing", "A stable trunk transfers force from the legs on steep climbs and power hiking."),
            (
                "Less back fatigue",
                "Long descents and carrying a pack load the lower back; endurance in the trunk delays the ache.",
            ),
        ],
        exercises_heading="Core exercises for the trail",
        exercises_intro="Move slowly and keep breathing. Quality matters more than the number of seconds.",
        tips_heading="Building core work into trail training",
        tips_intro="Short and often beats long and rare for the trunk muscles.",
        tips=[
            (
                "Ten minutes after easy runs",
                "The core recovers quickly, so short sessions three times a week work well.",
            ),
            (
                "Add instability gradually",
                "Master each exercise on a stable floor before adding a cushion or a wobble board.",
            ),
            ("Practise on the trail", "Easy runs on technical ground train balance in the way you will use it."),
            ("Carry your race pack", "Train with the weight you will race with so the trunk adapts to it."),
        ],
        closing_heading="A stable base for every terrain",
        closing=[
            "A strong trunk will not make the trails flatter, but it makes every rock and root cost less. Pair this routine with single-leg strength work and you will feel the difference on your next long descent.",
        ],
        caption="The dead bug trains the deep core to stay still while the limbs move.",
        tags=["Trail running", "Core", "Mobility"],
    ),
    Topic(
        title="Strength training for masters runners",
        intro=[
            "After forty, muscle mass and power decline a little every year, and running alone does not stop it. Strength training is the most effective way to keep both, and it is never too late to start.",
            "Masters runners who lift keep their pace longer, recover faster between hard sessions and have fewer injuries.",
        ],
        why_heading="What changes with age, and what strength work can do",
        why="From middle age, the fast-twitch fibres that produce power shrink first, tendons stiffen and recover more slowly, and bone density starts to fall, especially in women after menopause. Heavy, slow strength work and a little jumping address all three: they maintain muscle and power, load tendons in the way they respond to, and give bone the impact signal it needs.",
        key_points=[
            ("Keep your power", "Heavier lifts slow the loss of fast-twitch fibres that carry your finishing speed."),
            ("Protect your bones", "Loading and low jumps signal bone to maintain its density."),
            ("Recover faster", "Stronger muscles are damaged less by each run, so you bounce back sooner."),
            ("Stay consistent", "Fewer injuries mean fewer breaks, and consistency is what keeps older runners fast."),
        ],
        exercises_heading="A routine for masters runners",
        exercises_intro="Start lighter than you think you need to. Add load every couple of weeks as long as you recover within two days.",
        tips_heading="Training smarter after forty",
        tips_intro="Recovery is the variable that changes most with age.",
        tips=[
            (
                "Allow more recovery",
                "Leave at least two easy days between hard sessions, and put strength work on easy days.",
            ),
            ("Keep some intensity", "Short, fast efforts maintain the speed that easy running alone loses."),
            ("Eat enough protein", "Older muscle needs more protein to respond to training; spread it across the day."),
            ("Sleep is training", "Growth and repair happen at night. Protect your sleep before a hard week."),
        ],
        closing_heading="The long game",
        closing=[
            "Age changes the rules slightly, but the principles stay the same: load, recover and progress. Runners who keep lifting into their sixties and seventies often find they are racing as well as they did in their forties.",
        ],
        caption="Goblet squats are a safe way to add load to a basic squat.",
        tags=["Masters runners", "Strength training", "Recovery"],
    ),
    Topic(
        title="Returning to running after a hamstring strain",
        intro=[
            "Hamstring strains are common in runners who add speed work, and they are known for coming back. Most recurrences happen because runners return before the muscle has its strength at long lengths.",
            "This guide sets out the stages of returning to running and the strength work that keeps the hamstring from tearing again.",
        ],
        why_heading="Why hamstring strains come back",
        why="The hamstrings work hardest in late swing, when they slow the lower leg while lengthened. A strain leaves scar tissue and a muscle that is weaker at exactly those long lengths. Running easy feels fine long before the muscle can handle sprinting, so runners return, add speed and tear it again. Eccentric strength work at long lengths closes that gap.",
        key_points=[
            (
                "Strength at length",
                "Eccentric exercises restore strength where the hamstring is weakest after a strain.",
            ),
            (
                "Gradual speed",
                "Building from easy running to strides to intervals lets the muscle adapt to faster swing speeds.",
            ),
            (
                "Fewer recurrences",
                "Programmes that include eccentric work cut the rate of repeat strains substantially.",
            ),
            ("Confidence", "Testing strength before sprinting tells you, rather than guessing, when you are ready."),
        ],
        exercises_heading="Hamstring rehabilitation exercises",
        exercises_intro="Start with the bridge and hinge, and add the Nordic lower only when they are comfortable. Some soreness the next day is expected.",
        tips_heading="Stages of the return to running",
        tips_intro="Move on to the next stage only when the current one is pain-free, including the next morning.",
        tips=[
            ("Walk and jog", "Begin with walk-jog intervals on flat ground at an easy pace."),
            ("Continuous easy running", "Build to thirty minutes of easy running before any faster work."),
            ("Strides", "Add short, relaxed strides at the end of easy runs, building speed over two weeks."),
            ("Speed sessions", "Return to intervals at slightly below your old paces, then build back up."),
        ],
        closing_heading="Do not skip the last stage",
        closing=[
            "The final ten percent of speed is where most strains recur. Keep the eccentric exercises twice a week for at least three months after you are back to full training, and see a physical therapist if anything feels wrong.",
        ],
        caption="The single-leg Romanian deadlift loads the hamstring through a long range.",
        tags=["Hamstrings", "Return to running", "Speed"],
    ),
]

# The subjects and audiences that make the bulk articles' titles.
TITLE_AUDIENCES = [
    "",
    ": a plan for new runners",
    " for marathon training",
    " in a busy week",
    ": what the research says",
    " for club runners",
    ": common mistakes",
    " before race season",
]


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def intro_html(topic: Topic) -> str:
    return "".join(_p(paragraph) for paragraph in topic.intro)


def article_body(
    topic: Topic,
    exercises: list,
    *,
    image=None,
    image_alt: str = "",
    groups: int = 1,
    related_limit: int | None = None,
) -> list[tuple[str, object]]:
    """The article's body as ``(block type, value)`` pairs, ready to assign to ``ArticlePage.body``.

    ``groups`` repeats the exercise, key-point and tips sections (four exercises
    each): the large variant used to show that the query count does not grow
    with the number of blocks, exercises and related cards.
    """
    blocks: list[tuple[str, object]] = [
        ("heading", {"text": topic.why_heading, "level": "h2", "anchor": ""}),
        ("paragraph", _p(topic.why)),
    ]
    for n in range(groups):
        suffix = f" ({n + 1})" if groups > 1 else ""
        blocks += [
            ("key_points", {"items": [{"title": title, "text": text} for title, text in topic.key_points]}),
            ("heading", {"text": topic.exercises_heading + suffix, "level": "h2", "anchor": ""}),
            (
                "exercise_group",
                {
                    "heading": "",
                    "intro": topic.exercises_intro,
                    "exercises": [{"exercise": e, "note": ""} for e in exercises[4 * n : 4 * n + 4]],
                },
            ),
            ("heading", {"text": topic.tips_heading + suffix, "level": "h2", "anchor": ""}),
            ("paragraph", _p(topic.tips_intro)),
            ("tips", {"items": [{"title": title, "text": text} for title, text in topic.tips]}),
        ]
    blocks += [
        ("heading", {"text": topic.closing_heading, "level": "h2", "anchor": ""}),
        *[("paragraph", _p(paragraph)) for paragraph in topic.closing],
    ]
    if image is not None:
        blocks.append(
            ("image", {"image": {"image": image, "alt_text": image_alt, "decorative": False}, "caption": topic.caption})
        )
    blocks += [
        ("call_to_action", dict(CTA, page=None)),
        ("related_posts", {"heading": "Blog posts you may be interested in", "posts": [], "limit": related_limit}),
    ]
    return blocks


def baseline_body(topic: Topic, exercise_words: list[tuple[str, str]], *, groups: int = 1) -> str:
    """The same words as ``article_body`` as one rich-text body, the way a plain blog post holds them.

    ``exercise_words`` are the (name, summary) of the article's exercises, in order.
    """
    parts = [f"<h2>{escape(topic.why_heading)}</h2>", _p(topic.why)]
    for n in range(groups):
        suffix = f" ({n + 1})" if groups > 1 else ""
        parts.append(
            "<ol>" + "".join(f"<li><b>{escape(t)}</b> {escape(x)}</li>" for t, x in topic.key_points) + "</ol>"
        )
        parts += [f"<h2>{escape(topic.exercises_heading + suffix)}</h2>", _p(topic.exercises_intro)]
        parts.append(
            "<ul>"
            + "".join(
                f"<li><b>{escape(name)}</b> {escape(summary)}</li>"
                for name, summary in exercise_words[4 * n : 4 * n + 4]
            )
            + "</ul>"
        )
        parts += [f"<h2>{escape(topic.tips_heading + suffix)}</h2>", _p(topic.tips_intro)]
        parts.append("<ul>" + "".join(f"<li><b>{escape(t)}</b> {escape(x)}</li>" for t, x in topic.tips) + "</ul>")
    parts += [f"<h2>{escape(topic.closing_heading)}</h2>", *[_p(paragraph) for paragraph in topic.closing]]
    parts += [
        _p(topic.caption),
        f"<h2>{escape(CTA['heading'])}</h2>",
        _p(CTA["text"]),
        f'<p><a href="{CTA["url"]}">{escape(CTA["button_label"])}</a></p>',
    ]
    return "\n".join(parts)


def baseline_intro(topic: Topic) -> str:
    """The plain blog's one-line ``intro`` (250 characters at most); the rest of the intro opens its body."""
    return topic.intro[0][:250]


def baseline_body_with_intro(topic: Topic, exercise_words: list[tuple[str, str]], *, groups: int = 1) -> str:
    return "\n".join(
        [*(_p(paragraph) for paragraph in topic.intro[1:]), baseline_body(topic, exercise_words, groups=groups)]
    )
