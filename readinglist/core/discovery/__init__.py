"""Discovery: related papers, recommendations, duplicates to review and reading insights.

Importing this package is cheap: numpy, SciPy and scikit-learn load only when an index is
built or a question is asked. Importing it also registers ``DismissDuplicate`` with the
journal (``commands``).
"""

from __future__ import annotations

from readinglist.core.discovery.commands import DismissDuplicate
from readinglist.core.discovery.duplicates import DuplicateComparison, compare, comparisons
from readinglist.core.discovery.insights import insights
from readinglist.core.discovery.recommend import Pick, Recommendations
from readinglist.core.discovery.related import RelatedPaper
from readinglist.core.discovery.service import Discovery, recommend, related

__all__ = [
    "Discovery",
    "DismissDuplicate",
    "DuplicateComparison",
    "Pick",
    "Recommendations",
    "RelatedPaper",
    "compare",
    "comparisons",
    "insights",
    "recommend",
    "related",
]
