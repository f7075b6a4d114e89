"""Closed-class word lists per language, written for this project.

Pronouns, negations, degree adverbs, perception verbs and the surface cues of agency
are small closed classes: a few dozen words each, listed here by hand (sources and
choices in docs/languages.md). The English lists are the ones the measures used
before they learnt other languages; VADER's negations and boosters come from the
``vaderSentiment`` package itself (`whosestory.lexicons.sentiment_rules`).

Every table is keyed by ISO 639-1 code. A language missing from a table has no
resource for the measure that reads it, and that measure is absent for its stories.
"""

from __future__ import annotations

from collections.abc import Mapping


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GENDERED_PRONOUNS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "he": "m",
        "him": "m",
        "his": "m",
        "himself": "m",
        "she": "f",
        "her": "f",
        "hers": "f",
        "herself": "f",
    },
    # "sie" is also "they" and formal "you": kept, since stage directions use it for "she"
    # most; "ihr" (her / you) and "sein" (his / to be) are left out.
    "de": {"er": "m", "ihn": "m", "ihm": "m", "sie": "f"},
    # "lui" is him and her alike; "le"/"la" are articles too.
    "fr": {"il": "m", "elle": "f"},
    "ru": {
        "он": "m",
        "его": "m",
        "ему": "m",
        "него": "m",
        "нему": "m",
        "нём": "m",
        "она": "f",
        "её": "f",
        "ее": "f",
        "ей": "f",
        "неё": "f",
        "нее": "f",
        "ней": "f",
    },
}
"""Third-person singular pronouns that refer to a person, with their gender."""

SUBJECT_PRONOUNS: Mapping[str, frozenset[str]] = {
    "en": _words("he she"),
    "de": _words("er sie"),
    "fr": _words("il elle"),
    "ru": _words("он она"),
}
OBJECT_PRONOUNS: Mapping[str, frozenset[str]] = {
    "en": _words("him"),
    "de": _words("ihn ihm"),
    "fr": frozenset(),
    "ru": _words("ему ей него неё нее"),
}

PERCEPTION_VERBS: Mapping[str, frozenset[str]] = {
    "en": _words(
        """watches watched sees saw looks looked stares stared gazes gazed glances glanced
        peers peered eyes eyed notices noticed observes observed spots spotted studies studied
        regards regarded scans scanned surveys surveyed reads hears heard listens listened
        overhears overheard smells smelled tastes tasted senses sensed feels felt realizes
        realized realises realised remembers remembered recalls recalled recognizes recognized
        recognises recognised wonders wondered thinks thought knows knew understands understood
        imagines imagined dreams dreamed dreamt considers considered contemplates contemplated
        ponders pondered fears feared dreads dreaded hopes hoped wishes wished worries worried
        regrets regretted longs longed yearns yearned grieves grieved mourns mourned misses"""
    ),
    "de": _words(
        """sieht sah blickt blickte schaut schaute betrachtet betrachtete beobachtet
        beobachtete bemerkt bemerkte erblickt erblickte starrt starrte mustert musterte
        liest las hört hörte horcht horchte lauscht lauschte riecht roch fühlt fühlte spürt
        spürte erkennt erkannte erinnert erinnerte besinnt besann denkt dachte überlegt
        überlegte begreift begriff versteht verstand weiß wusste wußte ahnt ahnte träumt
        träumte sinnt sann grübelt grübelte staunt staunte fürchtet fürchtete hofft hoffte
        wünscht wünschte zweifelt zweifelte bereut bereute sehnt sehnte trauert trauerte
        vermisst vermisste vermißt erschrickt erschrak"""
    ),
    "fr": _words(
        """regarde regardait regarda voit voyait vit aperçoit aperçut observe observait observa
        contemple contemplait contempla fixe fixait examine examinait examina lit lisait
        écoute écoutait écouta entend entendait entendit sent sentait sentit remarque
        remarqua reconnaît reconnaissait reconnut souvient souvenait souvint rappelle pense
        pensait pensa réfléchit réfléchissait songe songeait songea comprend comprenait
        comprit sait savait devine devina imagine imaginait rêve rêvait rêva médite
        craint craignait redoute redoutait espère espérait souhaite souhaitait désire
        regrette regrettait inquiète soupire"""
    ),
    "ru": _words(
        """смотрит смотрел смотрела глядит глядел глядела видит видел видела замечает
        заметил заметила наблюдает наблюдал наблюдала рассматривает разглядывает читает
        читал читала слушает слушал слушала слышит слышал слышала прислушивается
        чувствует чувствовал чувствовала ощущает понимает понял поняла думает думал думала
        вспоминает вспомнил вспомнила помнит задумывается задумался задумалась узнаёт
        узнает узнал узнала знает знал знала мечтает мечтал мечтала боится боялся боялась
        надеется надеялся надеялась жалеет тоскует грустит"""
    ),
}
"""Verbs of perception, cognition and emotion, third person (present and past)."""

SUBJECT_VERB_GAP: Mapping[str, str] = {
    "en": (
        r"[a-z]+ly|just|then|still|also|now|again|only|almost|never|suddenly|finally|can|can't|"
        r"cannot|does|doesn't|did|didn't|not|barely|hardly|simply|merely|even|already|too"
    ),
    "de": r"nun|dann|jetzt|plötzlich|noch|schon|wieder|auch|endlich|da",
    # clitic objects and "ne" stand between a French subject and its verb ("elle le regarde")
    "fr": r"ne|[nlsmt]['’]|le|la|les|lui|leur|se|me|te|y|en|alors|puis|enfin",
    "ru": r"не|уже|ещё|еще|вдруг|снова|опять|молча|тихо|долго|пристально|внимательно",
}
"""Words that may stand between a subject and its verb (up to two of them), as a regex."""

NEGATIONS: Mapping[str, frozenset[str]] = {
    "de": _words("nicht kein keine keinen keinem keiner keines nie niemals nichts ohne weder"),
    "fr": _words("ne n' pas jamais rien aucun aucune sans ni guère"),
    "ru": _words("не ни нет никогда ничего без"),
}
"""Negations of the non-English lexicons (English: VADER's own list)."""

BOOSTERS: Mapping[str, Mapping[str, float]] = {
    "de": {
        **dict.fromkeys(_words("sehr so ganz äußerst höchst besonders wirklich zu"), 0.293),
        **dict.fromkeys(_words("kaum etwas wenig ziemlich"), -0.293),
    },
    "fr": {
        **dict.fromkeys(_words("très si trop vraiment tellement fort extrêmement"), 0.293),
        **dict.fromkeys(_words("peu presque assez"), -0.293),
    },
    "ru": {
        **dict.fromkeys(_words("очень так слишком совсем весьма крайне"), 0.293),
        **dict.fromkeys(_words("чуть едва немного почти"), -0.293),
    },
}
"""Degree adverbs of the non-English lexicons, with VADER's booster steps (+-0.293)."""

CONTRAST: Mapping[str, str] = {"en": "but", "de": "aber", "fr": "mais", "ru": "но"}
"""The contrastive conjunction VADER's "but" rule weighs around."""

AGENCY_VERB_ENDINGS: Mapping[str, str] = {
    "en": r"s",
    "de": r"t",
    "fr": r"e|t|d",
    "ru": r"ет|ёт|ит|ется|ётся|ится",
}
"""Endings of a third-person singular present verb, the tense stage directions use."""

AGENCY_NOT_VERBS: Mapping[str, frozenset[str]] = {
    "en": _words(
        """is was has his hers its this thus always perhaps yes less unless across
        towards afterwards sometimes besides pants glasses clothes ones others
        as us its whereas nevertheless"""
    ),
    "de": _words("nicht jetzt recht gut laut leise zuletzt zuerst meist bereit bist"),
    "fr": _words("elle celle quelque toute comme même autre encore sorte porte"),
    "ru": _words("нет опять ещё еще будет"),
}
"""Words with a verb's ending that are not verbs (beside the language's stop words)."""

OBJECT_AFTER_VERB: Mapping[str, bool] = {"en": True, "de": False, "fr": True, "ru": False}
"""Whether a name right after a verb is its object. Not in German and Russian, whose stage
directions put the subject after the verb as often ("Da kommt Anna", "сидит Нина")."""

OBJECT_PREPOSITIONS: Mapping[str, frozenset[str]] = {
    "en": _words("at to toward towards into onto upon"),
    "de": _words("zu an auf gegen"),
    "fr": _words("à vers sur contre"),
    "ru": _words("к ко"),
}

AGENCY_GAP: Mapping[str, str] = {
    "en": r"just|then|slowly|quickly|suddenly|also|still|finally",
    "de": r"nun|dann|langsam|schnell|plötzlich|auch|endlich",
    "fr": r"alors|puis|lentement|vite|soudain|enfin",
    "ru": r"медленно|быстро|вдруг|тоже|наконец|тихо|молча",
}
"""An adverb that may stand between a subject and its action verb."""

DEVICE_WORDS: Mapping[str, frozenset[str]] = {
    "en": _words(
        """tv t.v. television screen screens monitor monitors radio radios loudspeaker
        loudspeakers intercom p.a. broadcast broadcasts newscast video videotape jumbotron
        jumbo-tron webcast"""
    ),
    "de": _words("fernseher fernsehen bildschirm bildschirme monitor radio lautsprecher video"),
    "fr": _words("télé télévision écran écrans moniteur radio haut-parleur vidéo"),
    "ru": _words("телевизор телевизоре экран экране монитор радио громкоговоритель видео"),
}
"""Words that put a voice in a device: a voice-over beside them is a broadcast, not narration."""

STOP_WORDS_EN = _words(
    """a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can can't cannot could couldn't did didn't do
    does doesn't doing don't down during each even ever every few for from further get gets
    got gonna gotta had hadn't has hasn't have haven't having he he'd he'll he's her here
    here's hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's
    its itself just let let's like me more most much must my myself no nor not now of off oh
    ok okay on once one only or other our ours ourselves out over own really right said same
    say says see she she'd she'll she's should shouldn't so some still such than that that's
    the their theirs them themselves then there there's these they they'd they'll they're
    they've this those through to too um uh under until up upon us very was wasn't we we'd
    we'll we're we've well were weren't what what's when where which while who who's whom why
    will with won't would wouldn't yeah yes yet you you'd you'll you're you've your yours
    yourself yourselves"""
)
"""English stop words of vocabulary drift (the project's own list, kept so drift on English
stories does not move; the other languages' come from the ``stop-words`` package)."""
