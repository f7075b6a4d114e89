"""Titles of address a family shares, and the articles a name may open with, in the languages
of the stories read: name-level facts the readers and the cast resolver both need, kept
apart so that a reader need not import the resolver."""

from __future__ import annotations

FAMILY_TITLES = frozenset(
    """MR MISTER MRS MS MISS MISTRESS SIR LADY MADAME MADEMOISELLE MONSIEUR HERR FRAU FRÄULEIN
    FATHER SISTER BROTHER UNCLE AUNT""".split()
)
"""Titles a family shares (MR. and MRS. NEHRU are two people): a rank (CAPTAIN, OFFICER)
names one holder, so its bearer may be renamed within a scene."""

ARTICLES = frozenset("the a an der die das ein eine le la les un une".split())
"""The articles of the languages of the plays read, in lower case (*Le Chœur*, *Der Vater*)."""
