"""Titles of address a family shares, in the languages of the stories read: a name-level
fact the readers and the cast resolver both need, kept apart so that a reader need not
import the resolver."""

from __future__ import annotations

FAMILY_TITLES = frozenset(
    """MR MISTER MRS MS MISS MISTRESS SIR LADY MADAME MADEMOISELLE MONSIEUR HERR FRAU FRÄULEIN
    FATHER SISTER BROTHER UNCLE AUNT""".split()
)
"""Titles a family shares (MR. and MRS. NEHRU are two people): a rank (CAPTAIN, OFFICER)
names one holder, so its bearer may be renamed within a scene."""
