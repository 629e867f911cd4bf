"""Simple illustrations for the demo content, drawn locally with Pillow.

Each picture is a stylised figure on a coloured background with the subject's
name on a label. Figures are posed with angles (or with a two-bone solver
when a hand or foot must land on the floor or a prop) and drawn at twice the
size, then scaled down, for smooth edges. Nothing is downloaded.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 800
SCALE = 2
FLOOR = 660

INK = "#1f2f4a"
INK_FAR = "#5a6f8f"
SHIRT = "#e8704f"
SHIRT_FAR = "#f2a488"
PROP = "#8a6a4f"
PROP_TOP = "#a9876a"
MAT = "#5fa8a0"
WHITE = "#ffffff"

TORSO, NECK, HEAD_R = 165, 26, 36
UPPER_ARM, FOREARM = 98, 90
THIGH, SHIN, FOOT = 112, 106, 40
LIMB_W, TORSO_W = 30, 46


Point = tuple[float, float]


def _along(origin: Point, degrees: float, length: float) -> Point:
    """The point ``length`` away from ``origin``; 0 degrees points down, 90 forward (+x), 180 up."""
    radians = math.radians(degrees)
    return origin[0] + length * math.sin(radians), origin[1] + length * math.cos(radians)


def _angle(a: Point, b: Point) -> float:
    return math.degrees(math.atan2(b[0] - a[0], b[1] - a[1]))


def _two_bone(root: Point, target: Point, first: float, second: float, bend: int) -> Point:
    """The middle joint (knee or elbow) that lets a limb reach ``target``; ``bend`` picks the side."""
    dx, dy = target[0] - root[0], target[1] - root[1]
    reach = min(math.hypot(dx, dy), first + second - 0.01)
    cos_inner = (first**2 + reach**2 - second**2) / (2 * first * reach)
    inner = math.degrees(math.acos(max(-1.0, min(1.0, cos_inner))))
    return _along(root, _angle(root, target) + bend * inner, first)


@dataclass
class Limb:
    """A limb posed by two angles (upper, lower) or by a target for the hand or ankle.

    Angles are absolute: 0 points down, 90 forward, 180 up, -90 back. With a
    target, ``bend`` (1 or -1) picks which way the knee or elbow points. ``foot``
    is the angle of the foot; ``None`` hides it (feet seen end-on).
    """

    upper: float = 0
    lower: float = 0
    target: Point | None = None
    bend: int = 1
    foot: float | None = 90


@dataclass
class Pose:
    """A figure seen from the side, facing +x: the hip's position, the torso's lean forward, the limbs."""

    hip: Point
    torso: float = 0
    head: float | None = None
    near_arm: Limb = field(default_factory=Limb)
    far_arm: Limb = field(default_factory=Limb)
    near_leg: Limb = field(default_factory=Limb)
    far_leg: Limb = field(default_factory=Limb)
    shade: bool = False

    def joints(self) -> dict[str, Point]:
        hip = self.hip
        shoulder = _along(hip, 180 - self.torso, TORSO)
        head_angle = 180 - (self.torso if self.head is None else self.head)
        joints = {
            "hip": hip,
            "shoulder": shoulder,
            "head": _along(shoulder, head_angle, NECK + HEAD_R),
        }
        for side in ("near", "far"):
            arm, leg = getattr(self, f"{side}_arm"), getattr(self, f"{side}_leg")
            joints[f"{side}_elbow"], joints[f"{side}_hand"] = self._limb(shoulder, arm, UPPER_ARM, FOREARM)
            joints[f"{side}_knee"], joints[f"{side}_ankle"] = self._limb(hip, leg, THIGH, SHIN)
            joints[f"{side}_toe"] = (
                joints[f"{side}_ankle"] if leg.foot is None else _along(joints[f"{side}_ankle"], leg.foot, FOOT)
            )
        return joints

    @staticmethod
    def _limb(root: Point, limb: Limb, first: float, second: float):
        if limb.target is not None:
            middle = _two_bone(root, limb.target, first, second, limb.bend)
            return middle, _along(middle, _angle(middle, limb.target), second)
        middle = _along(root, limb.upper, first)
        return middle, _along(middle, limb.lower, second)


class Canvas:
    """A drawing surface in 1200 x 800 units, rendered at ``SCALE`` times the size."""

    def __init__(self, background: str, accent: str):
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)
        self.accent = accent

    def _xy(self, point: Point) -> tuple[float, float]:
        return point[0] * SCALE, point[1] * SCALE

    def line(self, a: Point, b: Point, width: float, colour: str) -> None:
        w = width * SCALE
        self.draw.line([self._xy(a), self._xy(b)], fill=colour, width=round(w))
        for end in (a, b):
            self.circle(end, width / 2, colour)

    def circle(self, centre: Point, radius: float, colour: str) -> None:
        x, y = self._xy(centre)
        r = radius * SCALE
        self.draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)

    def rect(self, box, colour: str, radius: float = 0) -> None:
        x0, y0 = self._xy(box[:2])
        x1, y1 = self._xy(box[2:])
        self.draw.rounded_rectangle([x0, y0, x1, y1], radius=radius * SCALE, fill=colour)

    def polygon(self, points, colour: str) -> None:
        self.draw.polygon([self._xy(p) for p in points], fill=colour)

    def text(self, xy: Point, text: str, size: int, colour: str) -> None:
        self.draw.text(self._xy(xy), text, font=_font(size), fill=colour)

    def text_size(self, text: str, size: int) -> tuple[float, float]:
        left, top, right, bottom = self.draw.textbbox((0, 0), text, font=_font(size))
        return (right - left) / SCALE, (bottom - top) / SCALE

    # Scenery

    def backdrop(self) -> None:
        self.circle((960, 210), 220, self.accent)
        self.rect((0, FLOOR, WIDTH, HEIGHT), _mix(self.accent, INK, 0.25))

    def figure(self, pose: Pose) -> dict[str, Point]:
        j = pose.joints()
        ink, far_ink = (INK_FAR, "#9aaac2") if pose.shade else (INK, INK_FAR)
        shirt, far_shirt = (SHIRT_FAR, "#f7c8b6") if pose.shade else (SHIRT, SHIRT_FAR)
        self._limbs(j, "far", far_ink, far_shirt)
        self.line(j["hip"], j["shoulder"], TORSO_W, shirt)
        self.circle(j["hip"], TORSO_W / 2 + 2, ink)
        self.line(
            j["shoulder"],
            _along(j["shoulder"], _angle(j["shoulder"], j["head"]), 18),
            20,
            ink,
        )
        self.circle(j["head"], HEAD_R, ink)
        self._limbs(j, "near", ink, shirt)
        return j

    def _limbs(self, j: dict[str, Point], side: str, ink: str, shirt: str) -> None:
        self.line(j["hip"], j[f"{side}_knee"], LIMB_W + 4, ink)
        self.line(j[f"{side}_knee"], j[f"{side}_ankle"], LIMB_W, ink)
        self.line(j[f"{side}_ankle"], j[f"{side}_toe"], LIMB_W - 8, ink)
        self.line(j["shoulder"], j[f"{side}_elbow"], LIMB_W, shirt)
        self.line(j[f"{side}_elbow"], j[f"{side}_hand"], LIMB_W - 6, ink)

    def dumbbell(self, hand: Point) -> None:
        x, y = hand
        self.rect((x - 34, y - 6, x + 34, y + 6), "#3b3b3b", 4)
        self.rect((x - 40, y - 20, x - 24, y + 20), "#2b2b2b", 5)
        self.rect((x + 24, y - 20, x + 40, y + 20), "#2b2b2b", 5)

    def box(self, left: float, top: float, right: float) -> None:
        self.rect((left, top, right, FLOOR + 4), PROP, 8)
        self.rect((left, top, right, top + 16), PROP_TOP, 8)

    def mat(self, left: float, right: float) -> None:
        self.rect((left, FLOOR - 14, right, FLOOR + 2), MAT, 7)

    def arrow(self, start: Point, end: Point, colour: str = WHITE) -> None:
        self.line(start, end, 12, colour)
        angle = _angle(start, end)
        self.polygon(
            [
                _along(end, angle, 26),
                _along(end, angle + 90, 22),
                _along(end, angle - 90, 22),
            ],
            colour,
        )

    def label(self, text: str) -> None:
        size = 50
        width, height = self.text_size(text, size)
        self.rect((40, 690, 40 + width + 60, 690 + height + 44), WHITE, 20)
        self.text((70, 702), text, size, INK)

    def to_jpeg(self) -> bytes:
        small = self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        small.save(buffer, "JPEG", quality=88, optimize=True, progressive=True)
        return buffer.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's bundled font, so the pictures look the same on every machine.
    return ImageFont.load_default(size=size * SCALE)


def _mix(a: str, b: str, amount: float) -> str:
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(ca, cb, strict=True))


STANDING_HIP_Y = FLOOR - THIGH - SHIN - 10


# One function per picture. Each draws on a canvas it is given.


def squat_to_calf_raise(c: Canvas) -> None:
    c.backdrop()
    c.figure(
        Pose(
            hip=(360, FLOOR - 175),
            torso=38,
            near_arm=Limb(92, 90),
            far_arm=Limb(86, 86),
            near_leg=Limb(target=(425, FLOOR - 12), bend=1),
            far_leg=Limb(target=(410, FLOOR - 12), bend=1),
        )
    )
    c.arrow((560, 420), (660, 420))
    c.figure(
        Pose(
            hip=(820, STANDING_HIP_Y - 28),
            torso=2,
            near_arm=Limb(84, 84),
            far_arm=Limb(80, 80),
            near_leg=Limb(0, 0, foot=40),
            far_leg=Limb(-3, -3, foot=40),
        )
    )


def bulgarian_split_lunge(c: Canvas) -> None:
    c.backdrop()
    c.box(130, FLOOR - 150, 360)
    j = c.figure(
        Pose(
            hip=(520, FLOOR - 210),
            torso=12,
            near_arm=Limb(4, 0),
            far_arm=Limb(-4, -2),
            near_leg=Limb(target=(640, FLOOR - 12), bend=1),
            far_leg=Limb(target=(340, FLOOR - 172), bend=1, foot=-95),
        )
    )
    c.dumbbell(j["near_hand"])


def side_hip_abduction(c: Canvas) -> None:
    c.backdrop()
    c.mat(170, 1080)
    c.figure(
        Pose(
            hip=(560, FLOOR - 46),
            torso=-92,
            head=-85,
            near_arm=Limb(98, 92),
            far_arm=Limb(-95, -95),
            near_leg=Limb(122, 122, foot=None),
            far_leg=Limb(91, 91, foot=None),
        )
    )
    c.arrow((920, 420), (950, 330))


def lateral_step_up(c: Canvas) -> None:
    c.backdrop()
    c.box(640, FLOOR - 170, 900)
    c.figure(
        Pose(
            hip=(600, FLOOR - 330),
            torso=6,
            near_arm=Limb(40, -50),
            far_arm=Limb(30, -40),
            near_leg=Limb(target=(700, FLOOR - 180), bend=1),
            far_leg=Limb(-8, -2, foot=80),
        )
    )
    c.arrow((470, 600), (470, 500))


def single_leg_romanian_deadlift(c: Canvas) -> None:
    c.backdrop()
    j = c.figure(
        Pose(
            hip=(560, STANDING_HIP_Y + 6),
            torso=82,
            head=70,
            near_arm=Limb(4, 2),
            far_arm=Limb(-4, 0),
            near_leg=Limb(target=(575, FLOOR - 12), bend=1),
            far_leg=Limb(-94, -96, foot=2),
        )
    )
    c.dumbbell(j["near_hand"])


def glute_bridge(c: Canvas) -> None:
    c.backdrop()
    c.mat(180, 1000)
    c.figure(
        Pose(
            hip=(600, FLOOR - 118),
            torso=-118,
            head=-84,
            near_arm=Limb(92, 92),
            far_arm=Limb(90, 90),
            near_leg=Limb(target=(765, FLOOR - 24), bend=1),
            far_leg=Limb(target=(750, FLOOR - 24), bend=1),
        )
    )
    c.arrow((600, 420), (600, 340))


def side_plank(c: Canvas) -> None:
    c.backdrop()
    c.mat(180, 1040)
    c.figure(
        Pose(
            hip=(600, FLOOR - 80),
            torso=-72,
            head=-60,
            near_arm=Limb(180, 180),
            far_arm=Limb(0, -90),
            near_leg=Limb(73, 73, foot=None),
            far_leg=Limb(74, 74, foot=None),
        )
    )


def tibialis_raise(c: Canvas) -> None:
    c.backdrop()
    c.rect((280, 80, 352, FLOOR), "#d9d2c5")
    c.figure(
        Pose(
            hip=(410, STANDING_HIP_Y + 14),
            torso=-12,
            near_arm=Limb(-8, 10),
            far_arm=Limb(-12, 6),
            near_leg=Limb(20, 20, foot=140),
            far_leg=Limb(17, 17, foot=140),
        )
    )
    c.arrow((580, 640), (600, 560))


def eccentric_heel_drop(c: Canvas) -> None:
    c.backdrop()
    c.box(555, FLOOR - 120, 860)
    c.rect((760, 200, 776, FLOOR - 120), "#c8c8c8")
    c.figure(
        Pose(
            hip=(520, FLOOR - 329),
            torso=3,
            near_arm=Limb(target=(762, 330), bend=-1),
            far_arm=Limb(10, 10),
            near_leg=Limb(4, 4, foot=112),
            far_leg=Limb(-25, -50, foot=50),
        )
    )
    c.arrow((470, 470), (470, 570))


def bird_dog(c: Canvas) -> None:
    c.backdrop()
    c.mat(150, 1060)
    c.figure(
        Pose(
            hip=(470, FLOOR - 172),
            torso=82,
            head=92,
            near_arm=Limb(100, 100),
            far_arm=Limb(-6, -6),
            near_leg=Limb(target=(370, FLOOR - 24), bend=1, foot=-88),
            far_leg=Limb(-92, -92, foot=-10),
        )
    )


def runner(c: Canvas) -> None:
    c.backdrop()
    c.figure(
        Pose(
            hip=(600, FLOOR - 240),
            torso=12,
            near_arm=Limb(-40, 50),
            far_arm=Limb(40, 135),
            near_leg=Limb(48, -8, foot=85),
            far_leg=Limb(-30, -110, foot=-30),
        )
    )


def weekly_plan(c: Canvas) -> None:
    days = [
        ("Mon", "Easy run", "#8ecae6"),
        ("Tue", "Strength", SHIRT_FAR),
        ("Wed", "Easy run", "#8ecae6"),
        ("Thu", "Rest", "#e9edc9"),
        ("Fri", "Strength", SHIRT_FAR),
        ("Sat", "Easy run", "#8ecae6"),
        ("Sun", "Long run", "#5fb7d4"),
    ]
    c.text((40, 50), "A sample training week", 64, INK)
    width, gap, left, top, bottom = 152, 10, 38, 170, 760
    for index, (day, activity, colour) in enumerate(days):
        x = left + index * (width + gap)
        c.rect((x, top, x + width, bottom), WHITE, 18)
        c.rect((x, top, x + width, top + 80), INK, 18)
        c.rect((x, top + 60, x + width, top + 80), INK)
        day_w, _ = c.text_size(day, 40)
        c.text((x + (width - day_w) / 2, top + 16), day, 40, WHITE)
        c.rect((x + 10, top + 94, x + width - 10, bottom - 10), colour, 14)
        words = activity.split()
        size = 34
        while max(c.text_size(word, size)[0] for word in words) > width - 30:
            size -= 1
        middle = (top + 94 + bottom - 10) / 2 - len(words) * size * 0.6
        for line_index, word in enumerate(words):
            word_w, _ = c.text_size(word, size)
            c.text(
                (x + (width - word_w) / 2, middle + line_index * size * 1.25),
                word,
                size,
                INK,
            )


def leg_swing(c: Canvas) -> None:
    c.backdrop()
    c.rect((420, 120, 460, FLOOR), "#8b5e3c")
    c.figure(
        Pose(
            hip=(620, STANDING_HIP_Y - 2),
            torso=-2,
            near_arm=Limb(-10, 0),
            far_arm=Limb(target=(455, 330), bend=1),
            near_leg=Limb(70, 50, foot=140),
            far_leg=Limb(0, 0, foot=90),
        )
    )
    c.arrow((880, 600), (900, 510))


def trail_runner(c: Canvas) -> None:
    c.circle((1010, 170), 130, "#ffd166")
    c.polygon([(-50, FLOOR), (300, 220), (650, FLOOR)], "#6c8b7b")
    c.polygon([(380, FLOOR), (760, 260), (1250, FLOOR)], "#4f6f5f")
    c.polygon([(640, 330), (760, 260), (860, 340), (800, 320), (760, 350)], WHITE)
    c.rect((0, FLOOR, WIDTH, HEIGHT), "#8c6b4a")
    c.figure(
        Pose(
            hip=(520, FLOOR - 240),
            torso=16,
            near_arm=Limb(-40, 50),
            far_arm=Limb(45, 140),
            near_leg=Limb(50, -4, foot=85),
            far_leg=Limb(-35, -115, foot=-35),
        )
    )


def golfer(c: Canvas) -> None:
    c.backdrop()
    c.rect((980, 300, 988, FLOOR), "#f1faee")
    c.polygon([(988, 300), (1080, 330), (988, 360)], "#e63946")
    hip = (440, STANDING_HIP_Y + 14)
    ball = (700, FLOOR - 10)
    hands = (548, 468)
    c.line(hands, ball, 8, "#b8bec6")
    c.circle((ball[0] + 14, ball[1] - 2), 11, WHITE)
    c.figure(
        Pose(
            hip=hip,
            torso=38,
            head=50,
            near_arm=Limb(target=hands, bend=-1),
            far_arm=Limb(target=(hands[0] - 6, hands[1] - 4), bend=-1),
            near_leg=Limb(target=(475, FLOOR - 12), bend=1),
            far_leg=Limb(target=(455, FLOOR - 12), bend=1),
        )
    )


DRAWINGS: dict[str, Callable[[Canvas], None]] = {
    "squat-to-calf-raise": squat_to_calf_raise,
    "bulgarian-split-lunge": bulgarian_split_lunge,
    "side-hip-abduction": side_hip_abduction,
    "lateral-step-up": lateral_step_up,
    "single-leg-romanian-deadlift": single_leg_romanian_deadlift,
    "glute-bridge": glute_bridge,
    "side-plank": side_plank,
    "tibialis-raise": tibialis_raise,
    "eccentric-heel-drop": eccentric_heel_drop,
    "bird-dog": bird_dog,
    "runner": runner,
    "weekly-plan": weekly_plan,
    "leg-swing": leg_swing,
    "trail-runner": trail_runner,
    "golfer": golfer,
}


def draw(key: str, label: str, background: str, accent: str) -> bytes:
    """A 1200 x 800 JPEG of the picture ``key`` with ``label`` on it."""
    canvas = Canvas(background, accent)
    DRAWINGS[key](canvas)
    if label:
        canvas.label(label)
    return canvas.to_jpeg()
