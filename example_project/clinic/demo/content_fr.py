"""The French side of the demo clinic, loaded when ``DEMO_LANGUAGES`` includes ``fr``.

Written in French for this demo, not machine-translated. The home page, blog,
library, categories, clinicians and six exercises are French translations of
their English originals (the same ``translation_key``, as wagtail-localize's
"Translate" would make them); the two articles are French originals. The
exercises keep the English muscle groups they were copied with, as
wagtail-localize leaves them: readers see the French ones (``translated.py``).
"""

from __future__ import annotations

import datetime

from .content import Article, Ref, heading, items

HOME = {
    "title": "Courez plus fort, sans blessure",
    "intro": (
        "<p>Nous sommes une équipe de kinésithérapeutes au service des coureurs de tous niveaux, "
        "du premier 5 km à l'ultra-trail. Notre blogue partage les conseils de renforcement, de "
        "mobilité et de prévention que nous donnons chaque jour à nos patients.</p>"
    ),
    "booking_heading": "Prendre rendez-vous",
    "booking_details": (
        "<p>Appelez le <b>020 7946 0142</b> ou passez nous voir pour un bilan de course.</p>"
        "<ul><li>12 Riverside Road, Northside</li>"
        "<li>Du lundi au vendredi, de 7 h à 19 h</li>"
        "<li>Le samedi, de 8 h à 13 h</li></ul>"
    ),
}

CALL_TO_ACTION = {
    "heading": "Courez plus fort avec un programme fait pour vous",
    "text": (
        "Nos kinésithérapeutes observent votre façon de bouger et construisent un programme de "
        "renforcement adapté à votre entraînement et à vos objectifs."
    ),
    "button_label": "Prendre rendez-vous",
}

BLOG = {
    "title": "Blogue",
    "slug": "blogue",
    "intro": "<p>Renforcement, mobilité et prévention des blessures : les conseils de nos kinésithérapeutes.</p>",
}

LIBRARY = {
    "title": "Bibliothèque d'exercices",
    "slug": "exercices",
    "intro": (
        "<p>Tous les exercices de nos articles, avec les étapes, les consignes et ce qu'il faut "
        "faire en cas de douleur. Filtrez selon les muscles que vous voulez renforcer.</p>"
    ),
}

# English slug: (French name, French description).
CATEGORIES = {
    "athletic-performance": (
        "Performance sportive",
        "S'entraîner mieux et gagner en vitesse, du renforcement à la préparation des courses.",
    ),
    "injury-prevention": (
        "Prévention des blessures",
        "Les habitudes et les exercices qui vous font courir sans petits bobos.",
    ),
}

CLINICIANS = {
    "author": {
        "role": "Kinésithérapeute et entraîneuse de course à pied",
        "bio": (
            "Maya soigne des coureurs de tous niveaux et dirige le programme de reprise de la course "
            "de la clinique. Elle a couru plus de vingt marathons et préfère toujours les côtes."
        ),
    },
    "reviewer": {
        "role": "Directeur clinique",
        "bio": (
            "Daniel est spécialiste clinique en orthopédie. Il dirige l'équipe soignante et relit "
            "chaque article avant sa publication."
        ),
    },
}

# English slug: the French fields of its translation (the slug stays the English one, as
# wagtail-localize synchronises it).
EXERCISES = {
    "squat-to-calf-raise": {
        "name": "Squat et montée sur pointes",
        "summary": "Renforce quadriceps, fessiers et mollets pour une poussée plus puissante.",
        "steps": [
            "Tenez-vous debout, pieds écartés de la largeur des hanches, bras détendus le long du corps.",
            "Reculez les hanches et fléchissez les genoux pour descendre en squat, bras tendus devant vous pour l'équilibre.",
            "Poussez dans tout le pied pour remonter puis, jambes tendues, continuez jusque sur l'avant des pieds.",
            "Marquez une pause en haut, redescendez les talons lentement et enchaînez le squat suivant.",
        ],
        "cues": [
            "Les genoux suivent l'axe du deuxième orteil",
            "Poitrine ouverte, dos long",
            "Montez à la verticale, sans basculer vers l'avant",
            "Redescendez les talons en comptant jusqu'à deux",
        ],
        "safety": (
            "Gardez un squat peu profond si vos genoux sont sensibles et restez dans une amplitude "
            "que vous contrôlez. Tenez-vous à un mur ou à une chaise au besoin. Arrêtez en cas de "
            "douleur vive au genou ou au tendon d'Achille."
        ),
    },
    "glute-bridge": {
        "name": "Pont fessier",
        "summary": "Réveille les fessiers et soulage le bas du dos.",
        "steps": [
            "Allongez-vous sur le dos, genoux fléchis, pieds à plat au sol à la largeur des hanches.",
            "Serrez les fessiers et soulevez le bassin jusqu'à aligner épaules, hanches et genoux.",
            "Tenez deux secondes en haut sans creuser le bas du dos.",
            "Redescendez vertèbre par vertèbre.",
        ],
        "cues": [
            "Poussez dans les talons",
            "Les côtes restent basses",
            "Les genoux ne s'écartent pas et ne se rapprochent pas",
        ],
        "safety": "Arrêtez si vous sentez une crampe dans les ischio-jambiers : rapprochez alors les pieds des fesses.",
    },
    "side-plank": {
        "name": "Gainage latéral",
        "summary": "Stabilise le tronc et le bassin à chaque appui.",
        "steps": [
            "Allongez-vous sur le côté, coude sous l'épaule, jambes tendues l'une sur l'autre.",
            "Soulevez le bassin pour former une ligne droite de la tête aux pieds.",
            "Tenez la position en respirant calmement, puis changez de côté.",
        ],
        "cues": ["Le bassin ne s'affaisse pas", "L'épaule reste loin de l'oreille"],
        "safety": "Commencez genoux fléchis et au sol si l'épaule ou le bas du dos proteste.",
    },
    "bird-dog": {
        "name": "Chien d'arrêt",
        "summary": "Apprend au tronc à rester stable pendant que bras et jambes bougent.",
        "steps": [
            "Placez-vous à quatre pattes, mains sous les épaules, genoux sous les hanches.",
            "Tendez lentement un bras devant vous et la jambe opposée derrière vous.",
            "Tenez deux secondes sans bouger le bassin, puis revenez et changez de côté.",
        ],
        "cues": ["Imaginez un verre d'eau posé sur le bas du dos", "Allongez-vous plutôt que de monter haut"],
        "safety": "Réduisez l'amplitude si le bas du dos se creuse ou fait mal.",
    },
    "eccentric-heel-drop": {
        "name": "Descente de talon excentrique",
        "summary": "Charge progressivement le tendon d'Achille et le mollet.",
        "steps": [
            "Montez sur une marche, l'avant des pieds sur le bord, en vous tenant à une rampe.",
            "Montez sur la pointe des deux pieds.",
            "Levez un pied et descendez lentement le talon de l'autre sous le niveau de la marche.",
            "Reposez le deuxième pied et remontez sur les deux.",
        ],
        "cues": ["Comptez trois secondes pour descendre", "Le genou reste tendu puis légèrement fléchi"],
        "safety": (
            "Une gêne légère qui disparaît le lendemain est acceptable ; une douleur qui augmente "
            "d'un jour à l'autre ne l'est pas. Parlez-en à votre kinésithérapeute."
        ),
    },
    "tibialis-raise": {
        "name": "Relevé de pointes",
        "summary": "Renforce le tibial antérieur, souvent oublié par les coureurs.",
        "steps": [
            "Adossez-vous à un mur, talons à une trentaine de centimètres du mur.",
            "Relevez l'avant des pieds le plus haut possible en gardant les talons au sol.",
            "Redescendez lentement et recommencez.",
        ],
        "cues": ["Les fesses restent contre le mur", "Montez haut, descendez lentement"],
        "safety": "Arrêtez en cas de douleur le long du tibia.",
    },
}


def exercise(slug: str, note: str = "", **dose) -> dict:
    value = {"exercise": Ref("exercise", slug), "note": note}
    value.update({"sets": None, "reps": None, "seconds": None, "per_side": False, "rest_seconds": None, **dose})
    return value


def related(*picks: str) -> tuple[str, dict]:
    return (
        "related_posts",
        {
            "heading": "Articles qui pourraient vous intéresser",
            "posts": [Ref("article", s) for s in picks],
            "limit": None,
        },
    )


BLANK_CALL_TO_ACTION = ("call_to_action", {"heading": "", "text": "", "button_label": "", "page": None, "url": ""})

# French originals, created in this order (the second picks the first by hand).
ARTICLES = [
    Article(
        slug="renforcement-coureurs-par-ou-commencer",
        title="Renforcement musculaire pour coureurs : par où commencer",
        date=datetime.date(2025, 4, 8),
        category="athletic-performance",
        tags=["Renforcement", "Course à pied", "Débutant"],
        hero="runner",
        hero_caption="Deux séances courtes par semaine suffisent pour commencer.",
        intro=(
            "<p>Courir plus ne rend pas forcément plus solide. Vingt minutes de renforcement, deux "
            "fois par semaine, protègent vos tendons et rendent chaque foulée plus économique. "
            "Voici la routine que nous proposons à nos patients qui débutent.</p>"
        ),
        excerpt="Quatre exercices simples, deux fois par semaine, pour des jambes et un tronc prêts à encaisser les kilomètres.",
        body=[
            heading("Pourquoi se renforcer"),
            (
                "paragraph",
                "<p>À chaque foulée, vos jambes absorbent deux à trois fois votre poids. Des muscles "
                "plus forts répartissent mieux cette charge : les tendons et les articulations "
                "travaillent moins, et la fatigue de fin de sortie arrive plus tard.</p>",
            ),
            (
                "key_points",
                items(
                    ("Moins de blessures.", "Les tendons s'adaptent à une charge progressive."),
                    ("Une foulée plus économique.", "Des muscles plus forts dépensent moins d'énergie à chaque pas."),
                ),
            ),
            heading("La routine"),
            (
                "exercise_group",
                {
                    "heading": "Quatre exercices, vingt minutes",
                    "intro": "Faites-les dans l'ordre, deux fois par semaine, les jours sans séance difficile.",
                    "exercises": [
                        exercise("squat-to-calf-raise"),
                        exercise("glute-bridge"),
                        exercise("side-plank", "Trente secondes de chaque côté pour commencer.", seconds=30, sets=3),
                        exercise("bird-dog"),
                    ],
                },
            ),
            heading("Bien progresser"),
            (
                "tips",
                items(
                    ("Commencez léger.", "Ajoutez de la charge quand chaque répétition est contrôlée."),
                    (
                        "Soyez régulier.",
                        "Deux séances par semaine valent mieux qu'une grosse séance de temps en temps.",
                    ),
                ),
            ),
            BLANK_CALL_TO_ACTION,
            related(),
        ],
    ),
    Article(
        slug="tendon-achille-prevenir",
        title="Tendon d'Achille : prévenir plutôt que guérir",
        date=datetime.date(2025, 5, 13),
        category="injury-prevention",
        tags=["Tendon d'Achille", "Mollets", "Prévention des blessures"],
        hero="eccentric-heel-drop",
        hero_caption="La descente lente du talon charge le tendon en douceur.",
        intro=(
            "<p>Le tendon d'Achille transmet toute la force du mollet au pied. Il supporte mal les "
            "changements brusques : nouvelles chaussures, côtes à répétition, reprise trop rapide. "
            "Quelques minutes d'exercices ciblés l'aident à encaisser.</p>"
        ),
        excerpt="Pourquoi le tendon d'Achille souffre chez les coureurs, et deux exercices pour le rendre plus résistant.",
        body=[
            heading("Un tendon qui aime la régularité"),
            (
                "paragraph",
                "<p>Un tendon se renforce quand on le charge progressivement, et s'irrite quand la "
                "charge augmente plus vite qu'il ne s'adapte. Augmentez votre kilométrage d'environ "
                "10 % par semaine au plus, et introduisez les côtes peu à peu.</p>",
            ),
            heading("Deux exercices"),
            (
                "exercise",
                exercise(
                    "eccentric-heel-drop", "Trois séries de quinze, chaque jambe.", sets=3, reps=15, per_side=True
                ),
            ),
            ("exercise", exercise("tibialis-raise", "Pour équilibrer le travail du mollet.")),
            (
                "quote",
                {
                    "quote": "Depuis que je fais mes descentes de talon, je ne sens plus mon tendon le lendemain des côtes.",
                    "attribution": "Une patiente de la clinique",
                },
            ),
            (
                "tips",
                items(
                    (
                        "Écoutez la douleur du lendemain.",
                        "Une gêne qui augmente d'un jour à l'autre est un signal d'alerte.",
                    ),
                    (
                        "Changez de chaussures progressivement.",
                        "Alternez anciennes et nouvelles paires pendant deux semaines.",
                    ),
                ),
            ),
            BLANK_CALL_TO_ACTION,
            related("renforcement-coureurs-par-ou-commencer"),
        ],
    ),
]
