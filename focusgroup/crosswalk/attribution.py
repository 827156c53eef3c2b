"""The attribution O*NET's CC BY 4.0 licence requires wherever we show or ship its content.

Wording from ../shared/data/onet/SOURCE.md (O*NET's own form). The second sentence is needed
because the files were reformatted and combined across two releases.
"""

from __future__ import annotations

ONET_ATTRIBUTION = (
    "This product includes information from the O*NET 30.0 Database (and, for some reference "
    "tables, the O*NET 29.3 Database) by the U.S. Department of Labor, Employment and Training "
    "Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of "
    "USDOL/ETA. focusgroup has modified all or some of this information. USDOL/ETA has not "
    "approved, endorsed, or tested these modifications."
)
"""For the packaged index (README, exports)."""

OES_CITATION = (
    "Wages and employment: U.S. Bureau of Labor Statistics, Occupational Employment and Wage "
    "Statistics, May 2025 (national, all industries)."
)


def onet_attribution(release: str) -> str:
    """Attribution for an index built from another release (`focusgroup onet import`)."""
    if release in ("30.0", ""):
        return ONET_ATTRIBUTION
    name = f"the O*NET {release} Database" if release != "unknown" else "an O*NET Database"
    return (
        f"This product includes information from {name} by the U.S. Department of Labor, "
        "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "
        "O*NET® is a trademark of USDOL/ETA. focusgroup has modified all or some of this "
        "information. USDOL/ETA has not approved, endorsed, or tested these modifications."
    )
