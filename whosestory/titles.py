"""Titles of address a family shares, the articles a name may open with, and the words a list
of persons describes a helper by, in the languages of the stories read: name-level facts the
readers, the cast resolver and the roles need, kept apart so that none imports another."""

from __future__ import annotations

FAMILY_TITLES = frozenset(
    """MR MISTER MRS MS MISS MISTRESS SIR LADY MADAME MADEMOISELLE MONSIEUR HERR FRAU FRÄULEIN
    FATHER SISTER BROTHER UNCLE AUNT""".split()
)
"""Titles a family shares (MR. and MRS. NEHRU are two people): a rank (CAPTAIN, OFFICER)
names one holder, so its bearer may be renamed within a scene."""

ARTICLES = frozenset("the a an der die das ein eine le la les un une".split())
"""The articles of the languages of the plays read, in lower case (*Le Chœur*, *Der Vater*)."""

SERVING_WORDS = (
    r"\b(?:servants?|serving-?(?:man|men|maid|woman)|waiting-?(?:woman|maid|gentlewoman)|"
    r"attendants?|confid[ae]nte?|footman|valets?|lackey|"
    r"diener(?:in)?|bediente[rn]?|kammerdiener|knecht|hausknecht|magd|zofe|kammerzofe|"
    r"kammerjungfer|kammermädchen|stubenmädchen|kammerfrau|lakai|lakei|vertraute[rn]?|"
    r"servante|serviteur|laquais|suivante|domestique|soubrette|"
    r"слуга|служанка|горничная|лакей|камердинер|наперсни(?:к|ца))\b"
)
"""The words for a servant and a confidant, as a list of persons describes one (English,
German, French, Russian; *confident* is French and English), to match case-blind. A clerk or an
apprentice (*Handlungsdiener*, *Lehrjung*) works for a trade, not for a person, and is none."""

FRIEND_WORDS = r"\b(?:friends?|freund(?:in)?|amie?|друг|подруга|приятель(?:ница)?)\b"
"""The words for a friend, as a list of persons describes one, to match case-blind."""
