"""Is an article about cooperatives and the collective economy?"""

import re

from indexer.vietnamese.text import strip_diacritics

# Folded, lowercase; matched as whole words.
COOPERATIVE_TERMS = (
    "hop tac xa", "htx", "to hop tac", "tht", "lien minh hop tac xa", "lmhtx", "lien hiep hop tac xa",
    "kinh te tap the", "kinh te hop tac", "kttt", "quy tin dung nhan dan", "qtdnd",
)
_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in COOPERATIVE_TERMS) + r")\b")


def is_about_cooperatives(*texts: str) -> bool:
    """True when any of the texts (headline, lead, body) names cooperatives or the collective economy."""
    return any(_PATTERN.search(strip_diacritics(text).lower()) for text in texts)
