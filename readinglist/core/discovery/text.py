"""Turn titles and abstracts into TF-IDF vectors with scikit-learn.

The choice, after arxiv-sanity: ``TfidfVectorizer`` over title + abstract, word unigrams
and bigrams, English stop words removed (scikit-learn's list plus ``ACADEMIC_STOP_WORDS``,
the filler every abstract uses), accents stripped, tokens of two or more
characters starting with a letter (years, section numbers and one-letter variables are
not terms), sublinear tf (1 + log tf, so a word repeated ten times does not outweigh ten
different words), smoothed idf and L2-normalised rows, so the dot product of two rows is
their cosine similarity. Terms must occur in at least ``MIN_DF`` papers (once the library
has ``SMALL_LIBRARY`` papers: a term seen once relates nothing) and in at most ``MAX_DF``
of them (words every paper uses say nothing about any); the ``MAX_FEATURES`` most
frequent survive, which bounds memory and the cache size at any library size.

scikit-learn is imported inside the functions: it costs seconds to import and only
discovery needs it, so the window and the CLI start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    from scipy import sparse

MIN_DF = 2
MAX_DF = 0.5
MAX_FEATURES = 50_000
SMALL_LIBRARY = 20
TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w-]+\b"
ACADEMIC_STOP_WORDS = frozenset(
    "et al paper propose proposed present results show shows using based approach "
    "method methods work study".split()
)
SETTINGS: dict[str, Any] = {
    "strip_accents": "unicode",
    "lowercase": True,
    "token_pattern": TOKEN_PATTERN,
    "ngram_range": (1, 2),
    "sublinear_tf": True,
    "smooth_idf": True,
    "norm": "l2",
    "dtype": "float32",
}
SETTINGS_VERSION = 1
"""Bump when SETTINGS change, so cached indexes built with the old ones are refitted."""


def document(title: str, abstract: str) -> str:
    """Return the text indexed for a paper."""
    return f"{title}.\n{abstract}" if abstract else title


def fit(docs: Sequence[str]) -> tuple[sparse.csr_matrix, list[str], np.ndarray]:
    """Fit a vocabulary and idf weights on docs; return (matrix, terms, idf)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    settings = _settings()
    small = len(docs) < SMALL_LIBRARY
    vectorizer = TfidfVectorizer(
        **settings,
        min_df=1 if small else MIN_DF,
        max_df=1.0 if small else MAX_DF,
        max_features=MAX_FEATURES,
    )
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:
        # Every word was pruned (a handful of papers sharing nothing): an empty index.
        return _empty(len(docs)), [], np.zeros(0, dtype=np.float32)
    terms = [str(term) for term in vectorizer.get_feature_names_out()]
    return matrix.tocsr(), terms, vectorizer.idf_.astype(np.float32)


def transform(docs: Sequence[str], terms: Sequence[str], idf: np.ndarray) -> sparse.csr_matrix:
    """Vectorise docs with an existing vocabulary and idf (terms it lacks are ignored)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not terms or not docs:
        return _empty(len(docs), len(terms))
    vectorizer = TfidfVectorizer(
        **_settings(),
        vocabulary={term: column for column, term in enumerate(terms)},
    )
    vectorizer.idf_ = idf
    return vectorizer.transform(docs).tocsr()


def _settings() -> dict[str, Any]:
    import numpy as np
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop_words = sorted(ENGLISH_STOP_WORDS | ACADEMIC_STOP_WORDS)
    return dict(SETTINGS, dtype=np.float32, stop_words=stop_words)


def _empty(rows: int, columns: int = 0) -> sparse.csr_matrix:
    import numpy as np
    from scipy import sparse

    return sparse.csr_matrix((rows, columns), dtype=np.float32)
