"""The demo clinic's content: pages, people, the exercise library and four articles.

Everything here is written for this demo. Article bodies are lists of
``(block type, value)`` pairs in which chooser values name other demo
objects (``Ref("exercise", slug)``); the builder turns them into the raw
StreamField data Wagtail stores.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Ref(NamedTuple):
    """A reference to another demo object, resolved to its primary key when the article is built."""

    kind: str  # "exercise", "image", "article" or "page"
    key: str


CLINIC_NAME = "Northside Running Clinic"

HOME = {
    "title": "Run stronger, stay injury-free",
    "slug": "clinic",
    "intro": (
        "<p>We are a team of physical therapists who look after runners of every level, "
        "from first-time 5K runners to ultramarathoners. Our blog shares the strength, "
        "mobility and injury-prevention advice we give our patients every day.</p>"
    ),
    "booking_heading": "Book an assessment",
    "booking_details": (
        "<p>Call <b>020 7946 0142</b> or drop in to book a running assessment.</p>"
        "<ul><li>12 Riverside Road, Northside</li>"
        "<li>Monday to Friday, 7am to 7pm</li>"
        "<li>Saturday, 8am to 1pm</li></ul>"
    ),
}

BLOG = {
    "title": "Blog",
    "slug": "blog",
    "intro": "<p>Strength, mobility and injury-prevention advice from our physical therapists.</p>",
}

LIBRARY = {
    "title": "Exercise library",
    "slug": "exercises",
    "intro": "<p>Every exercise our physical therapists use in these articles, with step-by-step instructions, "
    "coaching cues and what to do if it hurts. Filter by the muscles you want to strengthen.</p>",
}

SETTINGS = {
    "clinic_name": CLINIC_NAME,
    "cta_heading": "Run stronger with a plan made for you",
    "cta_text": (
        "Our physical therapists look at how you move and build a strength programme "
        "around your training and your goals."
    ),
    "cta_button_label": "Book an assessment",
}

CATEGORIES = [
    (
        "athletic-performance",
        "Athletic Performance",
        "Train smarter and get faster, from strength work to race preparation.",
    ),
    (
        "injury-prevention",
        "Injury Prevention",
        "Habits and exercises that keep you running without niggles.",
    ),
    ("gear", "Gear", "Shoes and kit, chosen with your body in mind."),
    (
        "general-health",
        "General Health",
        "Looking after your body in sport and everyday life.",
    ),
]

CLINICIANS = {
    "author": {
        "name": "Maya Okafor",
        "credentials": "PT, DPT",
        "role": "Physical therapist and running coach",
        "bio": (
            "Maya treats runners of every level and leads the clinic's return-to-running "
            "programme. She has run more than twenty marathons and still prefers hills."
        ),
    },
    "reviewer": {
        "name": "Daniel Reyes",
        "credentials": "DPT, OCS",
        "role": "Clinical director",
        "bio": (
            "Daniel is an orthopaedic clinical specialist. He leads the clinical team and "
            "checks every article for accuracy before it is published."
        ),
    },
}


@dataclass(frozen=True)
class Picture:
    """An illustration: which drawing, the label on it, its colours and its alt-text description."""

    drawing: str
    title: str
    description: str
    label: str = ""
    background: str = "#d6e6f2"
    accent: str = "#f6d9a8"


PICTURES = {
    picture.drawing: picture
    for picture in [
        Picture(
            "squat-to-calf-raise",
            "Squat to calf raise",
            "Illustration of a person lowering into a squat with arms reaching forward, then standing tall on their toes in a calf raise.",
            "Squat to calf raise",
            "#d6e6f2",
            "#f6d9a8",
        ),
        Picture(
            "bulgarian-split-lunge",
            "Bulgarian split lunge",
            "Illustration of a person in a split squat holding a dumbbell, with the back foot resting on a bench and the front knee bent.",
            "Bulgarian split lunge",
            "#e4eddc",
            "#f3c9b5",
        ),
        Picture(
            "side-hip-abduction",
            "Side hip abduction",
            "Illustration of a person lying on their side on a mat, lifting the straight top leg towards the ceiling.",
            "Side hip abduction",
            "#efe3f1",
            "#c9e4de",
        ),
        Picture(
            "lateral-step-up",
            "Lateral step up",
            "Illustration of a person standing sideways to a box with one foot on it, pressing up while the other foot leaves the floor.",
            "Lateral step up",
            "#fbeedd",
            "#c6dcef",
        ),
        Picture(
            "single-leg-romanian-deadlift",
            "Single-leg Romanian deadlift",
            "Illustration of a person balancing on one leg, hinged forward at the hips with the other leg reaching back and a dumbbell in one hand.",
            "Single-leg Romanian deadlift",
            "#dcefe9",
            "#f8d6a0",
        ),
        Picture(
            "glute-bridge",
            "Glute bridge",
            "Illustration of a person lying on a mat with knees bent, lifting the hips off the floor into a bridge.",
            "Glute bridge",
            "#f4e1dc",
            "#cfe0f0",
        ),
        Picture(
            "side-plank",
            "Side plank",
            "Illustration of a person holding a side plank on a mat, propped on one forearm with the top arm pointing to the ceiling.",
            "Side plank",
            "#e0e8f5",
            "#f3d3c3",
        ),
        Picture(
            "tibialis-raise",
            "Tibialis raise",
            "Illustration of a person leaning back against a wall with heels on the floor, lifting the toes up towards the shins.",
            "Tibialis raise",
            "#eef0d9",
            "#c7dff0",
        ),
        Picture(
            "eccentric-heel-drop",
            "Eccentric heel drop",
            "Illustration of a person standing on one foot on the edge of a step, holding a rail and lowering the heel below the step.",
            "Eccentric heel drop",
            "#dfeef0",
            "#f5cfb0",
        ),
        Picture(
            "bird-dog",
            "Bird dog",
            "Illustration of a person on hands and knees on a mat, reaching one arm forward and the opposite leg back.",
            "Bird dog",
            "#f1e6d6",
            "#cde3d4",
        ),
        Picture(
            "runner",
            "Runner mid-stride",
            "Illustration of a runner mid-stride on a sunny day.",
            "",
            "#cfe3f3",
            "#ffd68a",
        ),
        Picture(
            "weekly-plan",
            "A sample training week",
            "A sample training week: easy runs on Monday, Wednesday and Saturday, strength sessions on Tuesday and Friday, rest on Thursday and a long run on Sunday.",
            "",
            "#eef3f7",
            "#eef3f7",
        ),
        Picture(
            "leg-swing",
            "Leg swings",
            "Illustration of a runner holding a post with one hand and swinging one leg forward as part of a warm-up.",
            "",
            "#e3efe0",
            "#f8d9a0",
        ),
        Picture(
            "trail-runner",
            "Trail runner in the hills",
            "Illustration of a runner on a dirt trail with green mountains and a snowy peak behind.",
            "",
            "#cde6f5",
            "#cde6f5",
        ),
        Picture(
            "golfer",
            "Golfer at address",
            "Illustration of a golfer bent forward from the hips over the ball, with a flag on the green in the distance.",
            "",
            "#d9ecd5",
            "#f7e3a3",
        ),
    ]
}


@dataclass
class Exercise:
    slug: str
    name: str
    summary: str
    muscles: list[str]
    equipment: str
    difficulty: str
    steps: list[str]
    cues: list[str]
    safety: str
    sets: int | None = None
    reps: int | None = None
    seconds: int | None = None
    per_side: bool = False
    rest_seconds: int | None = None
    progressions: list[str] = field(default_factory=list)
    regressions: list[str] = field(default_factory=list)


EXERCISES = [
    Exercise(
        slug="squat-to-calf-raise",
        name="Squat to calf raise",
        summary="Builds quad, glute and calf strength for a stronger push-off.",
        muscles=["quadriceps", "glute-max", "calves"],
        equipment="bodyweight",
        difficulty="beginner",
        sets=3,
        reps=12,
        rest_seconds=60,
        steps=[
            "Stand with your feet hip-width apart and your arms relaxed by your sides.",
            "Sit your hips back and bend your knees into a squat, reaching your arms forward for balance.",
            "Drive through your whole foot to stand up, and as your legs straighten keep rising onto the balls of your feet.",
            "Pause at the top, lower your heels slowly and flow into the next squat.",
        ],
        cues=[
            "Knees travel in line with your second toe",
            "Keep your chest proud and your spine long",
            "Rise straight up, not forwards onto your toes",
            "Lower the heels for a slow count of two",
        ],
        safety=(
            "Keep the squat shallow if your knees ache, and stay within a range you can "
            "control. Hold a wall or chair for balance if you need to. Stop if you feel "
            "sharp pain in the knee or Achilles tendon."
        ),
        progressions=["bulgarian-split-lunge"],
        regressions=["glute-bridge"],
    ),
    Exercise(
        slug="bulgarian-split-lunge",
        name="Bulgarian split lunge",
        summary="Strengthens one leg at a time, working the quads, glutes and inner thighs.",
        muscles=["quadriceps", "glute-max", "adductors", "hamstrings"],
        equipment="bench",
        difficulty="intermediate",
        sets=3,
        reps=8,
        per_side=True,
        rest_seconds=90,
        steps=[
            "Stand about two strides in front of a bench or sturdy chair, facing away from it.",
            "Reach one foot back and rest the top of it on the bench.",
            "Bend your front knee and lower your back knee towards the floor until your front thigh is nearly parallel with the ground.",
            "Push through your front heel to rise. Finish all your reps, then switch legs.",
        ],
        cues=[
            "Most of your weight stays on the front foot",
            "Front knee tracks over the middle of the foot",
            "Lean slightly forwards from the hips",
            "Take your time on the way down",
        ],
        safety=(
            "Start without weights until you can keep your balance through every rep. If the "
            "front knee hurts, lower less far or move the front foot further forwards. After a "
            "knee or hip injury, wait until your physical therapist clears this one."
        ),
        regressions=["squat-to-calf-raise", "lateral-step-up"],
    ),
    Exercise(
        slug="side-hip-abduction",
        name="Side hip abduction",
        summary="Targets the glute medius, which keeps your pelvis level on every stride.",
        muscles=["glute-medius"],
        equipment="bodyweight",
        difficulty="beginner",
        sets=3,
        reps=15,
        per_side=True,
        rest_seconds=45,
        steps=[
            "Lie on your side with your legs straight and stacked, and rest your head on your lower arm.",
            "Roll your top hip slightly forwards so your toes point straight ahead or a little down.",
            "Lift the top leg about 30 to 40 centimetres, leading with the heel.",
            "Lower it slowly, without resting it on the bottom leg between reps.",
        ],
        cues=[
            "Lead with the heel, not the toes",
            "Keep the top hip stacked over the bottom hip",
            "Small and slow beats high and fast",
            "Feel it at the side of the hip, not the front",
        ],
        safety=(
            "If you feel pinching at the front of the hip, lower the leg a little and check "
            "that your hips are stacked. After hip surgery, follow your surgeon's advice on "
            "side-lying exercises."
        ),
        progressions=["lateral-step-up", "side-plank"],
    ),
    Exercise(
        slug="lateral-step-up",
        name="Lateral step up",
        summary="Trains the glute medius and quads together while you balance on one leg.",
        muscles=["glute-medius", "quadriceps"],
        equipment="step_or_box",
        difficulty="beginner",
        sets=3,
        reps=10,
        per_side=True,
        rest_seconds=60,
        steps=[
            "Stand side-on to a step or low box, 15 to 30 centimetres high.",
            "Place the foot nearest the step flat on top of it.",
            "Press through that heel to straighten the leg and lift yourself up, letting the other foot hover beside the step.",
            "Lower slowly until the hovering foot lightly touches the floor. Finish all your reps before switching sides.",
        ],
        cues=[
            "Keep the working knee over the middle of the foot",
            "Stay tall with your hips level",
            "No push-off from the bottom foot",
            "Take two seconds to lower",
        ],
        safety=(
            "Choose a lower step if the knee drifts inwards or the movement hurts. Use a "
            "stable surface, with a wall or rail nearby for balance."
        ),
        progressions=["bulgarian-split-lunge"],
        regressions=["side-hip-abduction"],
    ),
    Exercise(
        slug="single-leg-romanian-deadlift",
        name="Single-leg Romanian deadlift",
        summary="Strengthens the hamstrings and glutes and sharpens balance on one leg.",
        muscles=["hamstrings", "glute-max", "glute-medius"],
        equipment="dumbbells",
        difficulty="intermediate",
        sets=3,
        reps=8,
        per_side=True,
        rest_seconds=75,
        steps=[
            "Stand on one leg with a soft bend in the knee, holding a light dumbbell in the opposite hand.",
            "Hinge at the hips, letting the free leg reach back as your chest lowers towards the floor.",
            "Stop when you feel a stretch in the back of the standing thigh, keeping your back flat.",
            "Squeeze the glute of the standing leg to return to upright.",
        ],
        cues=[
            "Hips stay square to the floor",
            "Move like a seesaw, head to heel in one line",
            "Let the weight hang under your shoulder",
            "Soft knee, never locked",
        ],
        safety=(
            "Start with no weight and a hand on a wall until your balance feels steady. Keep "
            "the range short if you feel it in your lower back rather than your hamstrings."
        ),
        regressions=["glute-bridge"],
    ),
    Exercise(
        slug="glute-bridge",
        name="Glute bridge",
        summary="Wakes up the glutes and hamstrings that drive your hips forwards.",
        muscles=["glute-max", "hamstrings", "core"],
        equipment="bodyweight",
        difficulty="beginner",
        sets=3,
        reps=12,
        rest_seconds=45,
        steps=[
            "Lie on your back with your knees bent and your feet flat on the floor, hip-width apart.",
            "Press your heels down and lift your hips until your body forms a straight line from shoulders to knees.",
            "Hold for two seconds at the top, squeezing your glutes.",
            "Lower your hips slowly back to the floor.",
        ],
        cues=[
            "Push through your heels",
            "Ribs down, so your lower back does not arch",
            "Squeeze the glutes at the top",
            "Knees stay hip-width apart",
        ],
        safety=(
            "If your hamstrings cramp, bring your feet a little closer to your hips. Stop if "
            "the movement brings on back pain that lasts after the set."
        ),
        progressions=["single-leg-romanian-deadlift", "squat-to-calf-raise"],
    ),
    Exercise(
        slug="side-plank",
        name="Side plank",
        summary="Builds the obliques and hip stabilisers that keep your trunk steady as you run.",
        muscles=["obliques", "core", "glute-medius"],
        equipment="bodyweight",
        difficulty="beginner",
        sets=3,
        seconds=20,
        per_side=True,
        rest_seconds=45,
        steps=[
            "Lie on your side with your elbow directly under your shoulder and your legs straight and stacked.",
            "Lift your hips so your body forms a straight line from head to feet.",
            "Hold the position and keep breathing steadily.",
            "Lower with control, rest, then switch sides.",
        ],
        cues=[
            "Elbow under shoulder",
            "Push the floor away",
            "Hips forwards, neither sagging nor piking",
            "Breathe throughout the hold",
        ],
        safety=(
            "Bend your knees and rest them on the floor if the full version strains your "
            "shoulder. Stop if you feel pain in the shoulder."
        ),
        regressions=["side-hip-abduction"],
    ),
    Exercise(
        slug="tibialis-raise",
        name="Tibialis raise",
        summary="Strengthens the front of the shin, which helps absorb the impact of landing.",
        muscles=["tibialis-anterior"],
        equipment="bodyweight",
        difficulty="beginner",
        sets=2,
        reps=15,
        rest_seconds=45,
        steps=[
            "Stand with your back and hips against a wall and your heels about 30 centimetres in front of it.",
            "Keeping your legs straight, lift your toes and the balls of your feet as high as you can.",
            "Pause at the top, then lower the front of your feet slowly.",
        ],
        cues=[
            "Heels stay on the floor",
            "Lift the toes high",
            "Control the lowering",
            "Step further from the wall to make it harder",
        ],
        safety=(
            "A burning feeling at the front of the shin is normal; sharp pain is not. If you "
            "are being treated for shin pain, ask your physical therapist how much to do."
        ),
    ),
    Exercise(
        slug="eccentric-heel-drop",
        name="Eccentric heel drop",
        summary="Loads the calf and Achilles tendon slowly to build their tolerance for running.",
        muscles=["calves", "foot-intrinsics"],
        equipment="step_or_box",
        difficulty="intermediate",
        sets=3,
        reps=15,
        per_side=True,
        rest_seconds=60,
        steps=[
            "Stand on the edge of a step on the balls of both feet, holding a rail or wall for balance.",
            "Rise onto your toes using both legs.",
            "Lift one foot off the step and lower the other heel below the level of the step over three seconds.",
            "Put both feet back on the step to rise again, and repeat.",
        ],
        cues=[
            "Three slow seconds down",
            "Use both legs on the way up",
            "Do half the reps with a slight bend in the knee",
            "Hold on for balance",
        ],
        safety=(
            "Some discomfort in the Achilles can be expected when this is part of a rehab "
            "plan, but it should settle by the next morning. If it does not, do fewer reps "
            "and check in with your physical therapist."
        ),
        regressions=["squat-to-calf-raise"],
    ),
    Exercise(
        slug="bird-dog",
        name="Bird dog",
        summary="Trains the deep core and back muscles to hold the spine steady while the limbs move.",
        muscles=["core", "lower-back", "glute-max"],
        equipment="bodyweight",
        difficulty="beginner",
        sets=3,
        reps=8,
        per_side=True,
        rest_seconds=45,
        steps=[
            "Start on your hands and knees, hands under your shoulders and knees under your hips.",
            "Reach one arm forwards and the opposite leg back until both are in line with your body.",
            "Hold for two seconds without letting your hips rotate.",
            "Return to the start and switch sides.",
        ],
        cues=[
            "Reach long, not high",
            "Back flat like a tabletop",
            "Hips stay level",
            "Move slowly",
        ],
        safety=(
            "Put a folded towel under your knees if kneeling is uncomfortable. Stop if you "
            "feel pain spreading down a leg."
        ),
        progressions=["side-plank"],
    ),
]


@dataclass
class Article:
    slug: str
    title: str
    date: datetime.date
    category: str
    tags: list[str]
    hero: str
    hero_caption: str
    intro: str
    excerpt: str
    body: list[tuple[str, Any]]
    last_reviewed: datetime.date | None = None
    # Reviewed this many days before the demo is built, so the demo always has current reviews
    # next to the overdue ones (the fixed 2025 dates above are overdue on purpose).
    reviewed_days_ago: int | None = None


def heading(text: str, anchor: str = "") -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2", "anchor": anchor})


def items(*pairs: tuple[str, str]) -> dict:
    return {"items": [{"title": title, "text": text} for title, text in pairs]}


def exercise(slug: str, note: str = "", **dose: Any) -> dict:
    value = {
        "exercise": Ref("exercise", slug),
        "note": note,
        "sets": None,
        "reps": None,
        "seconds": None,
        "per_side": False,
        "rest_seconds": None,
    }
    value.update(dose)
    return value


def related(*picks: str) -> tuple[str, dict]:
    return (
        "related_posts",
        {
            "heading": "Blog posts you may be interested in",
            "posts": [Ref("article", slug) for slug in picks],
            "limit": None,
        },
    )


BLANK_CALL_TO_ACTION = (
    "call_to_action",
    {"heading": "", "text": "", "button_label": "", "page": None, "url": ""},
)

GUIDE_SLUG = "essential-guide-strength-training-runners"
WARM_UP_SLUG = "two-minute-dynamic-warm-up"

# Created in this order: the guide picks the warm-up by hand, so it comes last.
ARTICLES = [
    Article(
        slug="back-pain-and-golf",
        title="Back pain and golf: protecting your spine on the course",
        date=datetime.date(2025, 2, 4),
        category="general-health",
        tags=["Back pain", "Golf", "Stretch", "Injury prevention"],
        hero="golfer",
        hero_caption="A steady trunk lets the hips and upper back do the turning.",
        intro=(
            "<p>The golf swing is one of the fastest rotations in sport, and low back pain is "
            "the most common complaint among golfers of every standard. The good news: a "
            "stronger, more mobile body can swing hard and stay comfortable.</p>"
        ),
        excerpt="Why the golf swing strains the lower back, and three exercises that help you play without pain.",
        body=[
            heading("Why golfers' backs hurt"),
            (
                "paragraph",
                "<p>A powerful swing relies on the hips and upper back turning freely while "
                "the lower back stays steady. When the hips are stiff or the trunk muscles "
                "tire, the lower back makes up the difference, and it is not built for large "
                "amounts of twisting under load. Long rounds, busy range sessions and carrying "
                "a heavy bag all add to the strain.</p>",
            ),
            heading("Exercises that help"),
            (
                "exercise_group",
                {
                    "heading": "",
                    "intro": "These three build the trunk and hip strength that keeps your lower back steady through the swing. Do them two or three times a week.",
                    "exercises": [
                        exercise("bird-dog"),
                        exercise("side-plank"),
                        exercise("glute-bridge"),
                    ],
                },
            ),
            heading("On the course"),
            (
                "tips",
                items(
                    (
                        "Warm up before the first tee.",
                        "Walk briskly, turn your trunk gently a few times and build up from half swings to full ones.",
                    ),
                    (
                        "Use a trolley.",
                        "Pushing or pulling your bag spares your back hours of lopsided load.",
                    ),
                    (
                        "Hinge to pick up the ball.",
                        "Bend at the hips and let one leg rise behind you, instead of rounding your back.",
                    ),
                ),
            ),
            BLANK_CALL_TO_ACTION,
            related(),
        ],
    ),
    Article(
        slug="choosing-trail-running-shoes",
        title="How to choose trail running shoes",
        date=datetime.date(2025, 3, 11),
        category="gear",
        tags=["Running", "Shoes", "Foot & Ankle"],
        hero="trail-runner",
        hero_caption="Trails ask more of your shoes, and of your feet and ankles.",
        intro=(
            "<p>Trail shoes are built to grip, protect and stay stable on ground that road "
            "shoes were never designed for. The right pair depends on where you run, how far "
            "you go and how your feet like to move.</p>"
        ),
        excerpt="Grip, protection, drop and fit: what to look for in a trail shoe, and how to help your feet and ankles cope with rough ground.",
        body=[
            heading("What to look for"),
            (
                "tips",
                items(
                    (
                        "Lugs that suit your terrain.",
                        "Deep, widely spaced lugs grip mud and soft ground; shorter lugs feel better on hard-packed paths and the road between trails.",
                    ),
                    (
                        "Enough protection.",
                        "A rock plate or a firmer midsole stops sharp stones bruising the soles of your feet on rocky routes.",
                    ),
                    (
                        "A drop you are used to.",
                        "The height difference between heel and toe changes how your calves and Achilles are loaded, so move to a lower drop over several weeks.",
                    ),
                    (
                        "A secure fit.",
                        "Your heel should not slip, and your toes need room to spread, especially on long descents.",
                    ),
                ),
            ),
            heading("Getting the fit right"),
            (
                "paragraph",
                "<p>Try shoes on late in the day, when your feet are at their largest, and wear "
                "the socks you run in. Leave about a thumb's width between your longest toe and "
                "the end of the shoe. If the shop has a ramp, walk down it: if your toes hit the "
                "front, try another size or a different lacing pattern.</p>",
            ),
            (
                "quote",
                {
                    "quote": "Trails ask more of the ankle than roads do. The shoe helps, but strong, well-trained feet and calves do most of the work.",
                    "attribution": "Maya Okafor, PT, DPT",
                },
            ),
            heading("Prepare your feet and ankles"),
            (
                "exercise",
                exercise(
                    "eccentric-heel-drop",
                    "Start two or three weeks before your first long trail run, and keep going once a week afterwards.",
                ),
            ),
            related(),
        ],
    ),
    Article(
        reviewed_days_ago=40,
        slug=WARM_UP_SLUG,
        title="A two-minute dynamic warm-up for runners",
        date=datetime.date(2025, 4, 15),
        category="injury-prevention",
        tags=["Running", "Stretch", "Injury prevention"],
        hero="leg-swing",
        hero_caption="Leg swings loosen the hips before you set off.",
        intro=(
            "<p>A few minutes of movement before you run makes the first kilometre feel "
            "easier and gets your joints ready for the work ahead. This routine takes about "
            "two minutes and needs nothing but a wall or a post to hold.</p>"
        ),
        excerpt="Six quick moves that take about two minutes and get your hips, knees and ankles ready to run.",
        body=[
            heading("Why warm up at all?"),
            (
                "paragraph",
                "<p>Static stretches, where you hold a position for thirty seconds or more, are "
                "best kept for after your run or for a separate session. Before a run your body "
                "responds better to <b>dynamic</b> movements: controlled swings and steps that "
                "take your joints through the range they will use when running and raise your "
                "heart rate gradually.</p>",
            ),
            heading("The routine"),
            (
                "key_points",
                items(
                    (
                        "Front-to-back leg swings, 20 seconds each leg.",
                        "Hold a wall or post and swing one leg forwards and back, letting the range grow with each swing.",
                    ),
                    (
                        "Side-to-side leg swings, 20 seconds each leg.",
                        "Face the wall and swing the leg across your body and out to the side.",
                    ),
                    (
                        "Walking lunges, 10 steps.",
                        "Take long steps and lower the back knee gently towards the ground.",
                    ),
                    (
                        "Ankle rocks, 10 each side.",
                        "In a split stance, push your front knee forwards over your toes while the heel stays down.",
                    ),
                    (
                        "High knees, 15 seconds.",
                        "Jog on the spot, bringing your knees up towards hip height.",
                    ),
                    (
                        "Heel flicks, 15 seconds.",
                        "Jog on the spot, flicking your heels up towards your glutes.",
                    ),
                ),
            ),
            (
                "paragraph",
                "<p>Finish with a minute or two of easy jogging before you settle into your planned pace.</p>",
            ),
            heading("Add strength on your rest days"),
            (
                "exercise",
                exercise(
                    "tibialis-raise",
                    "A good partner to this warm-up if you are prone to shin pain: two sets after an easy run or on a strength day.",
                ),
            ),
            BLANK_CALL_TO_ACTION,
            related(),
        ],
    ),
    Article(
        reviewed_days_ago=340,
        slug=GUIDE_SLUG,
        title="The essential guide to strength training for runners",
        date=datetime.date(2025, 5, 6),
        last_reviewed=datetime.date(2025, 5, 1),
        category="athletic-performance",
        tags=["Running", "Injury prevention", "Knee", "Stretch"],
        hero="runner",
        hero_caption="Two short strength sessions a week are enough to make a difference.",
        intro=(
            "<p>Most runners know they should be doing some strength work, and many of us "
            "quietly skip it. It is easy to see why: when time is short, another run feels "
            "like better value than a session with weights. Yet a small, regular dose of "
            "strength training is one of the most reliable ways to stay injury-free and keep "
            "improving.</p>"
            "<p>This guide explains what strength work does for runners, which exercises give "
            "you the most for your time, and how to fit them into your week without leaving "
            "your legs too tired to run.</p>"
        ),
        excerpt="What strength work does for runners, the four exercises our physical therapists start with, and how to fit them into your week.",
        body=[
            heading("Why runners need strength training"),
            (
                "paragraph",
                "<p>Running is a repetitive, single-leg activity. Every stride asks your muscles "
                "and tendons to absorb a force of two to three times your body weight, thousands "
                "of times in a single run. Strength training prepares them for that load, and "
                "the benefits show up in four ways.</p>",
            ),
            (
                "key_points",
                items(
                    (
                        "Injury prevention.",
                        "Stronger muscles, tendons and bones tolerate more load before they become irritated, which lowers the risk of common problems such as runner's knee, shin pain and Achilles trouble.",
                    ),
                    (
                        "Better running economy.",
                        "Strength work teaches muscles and tendons to store and return energy like a spring, so each stride costs less oxygen at the same pace.",
                    ),
                    (
                        "More endurance.",
                        "When your legs are stronger, each stride uses a smaller share of their maximum, so they hold good form for longer before fatigue sets in.",
                    ),
                    (
                        "Speed and power.",
                        "Heavier and more explosive exercises improve how hard and how quickly you push off the ground, which pays off on hills, surges and the final sprint.",
                    ),
                ),
            ),
            heading("Key exercises", "key-exercises"),
            (
                "exercise_group",
                {
                    "heading": "",
                    "intro": "Start with these four. Together they cover the calves, quads, glutes and the hip muscles that keep your knees and pelvis steady on every stride.",
                    "exercises": [
                        exercise("squat-to-calf-raise"),
                        exercise(
                            "bulgarian-split-lunge",
                            "Hold a wall or chair for the first few sessions, and add dumbbells only once you can keep your balance on every rep.",
                            sets=2,
                            reps=8,
                            per_side=True,
                            rest_seconds=90,
                        ),
                        exercise("side-hip-abduction"),
                        exercise("lateral-step-up"),
                    ],
                },
            ),
            heading("How to fit strength training into your week"),
            (
                "tips",
                items(
                    (
                        "Two or three sessions a week.",
                        "Schedule strength work on non-consecutive days, such as Tuesday and Friday, so your muscles can recover in between.",
                    ),
                    (
                        "Start gradually.",
                        "Begin with bodyweight and one or two sets of each exercise. Your first goal is good form, not exhaustion.",
                    ),
                    (
                        "Progress over time.",
                        "Once every rep feels easy, add a set, a few reps or a little weight, and change only one thing at a time.",
                    ),
                    (
                        "Prioritise recovery.",
                        "You get stronger while you sleep, eat and take easy days. Keep hard sessions away from the day before a long run or a race.",
                    ),
                ),
            ),
            heading("Keep it simple and stay consistent"),
            (
                "paragraph",
                "<p>You do not need a gym membership or hours of spare time. Twenty to thirty "
                "minutes twice a week with the exercises above is enough to feel a difference "
                "within six to eight weeks. Treat these sessions like any other part of your "
                "training: write them into your plan and protect them as you would your long "
                "run.</p>"
                "<p>If you are coming back from an injury, have pain that keeps returning or "
                "are not sure where to start, a physical therapist can check how you move and "
                "build a plan around your goals. Here is one way to combine running and "
                "strength work in a week.</p>",
            ),
            (
                "image",
                {
                    "image": {
                        "image": Ref("image", "weekly-plan"),
                        "decorative": False,
                        "alt_text": PICTURES["weekly-plan"].description,
                    },
                    "caption": "Strength on Tuesday and Friday leaves a day between sessions, and two before Sunday's long run.",
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Our physical therapists are ready to help",
                    "text": "Book a running assessment and leave with a strength plan built around your training, your goals and any niggles you are managing.",
                    "button_label": "Book an assessment",
                    "page": Ref("page", "home"),
                    "url": "",
                },
            ),
            related(WARM_UP_SLUG),
        ],
    ),
]
