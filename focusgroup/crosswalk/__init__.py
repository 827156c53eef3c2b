"""Crosswalk: from an employer's words on a card to SOC codes and O*NET profiles, offline.

No Textual here: the UI, the CLI and the exports all call the same plain functions.
"""

from __future__ import annotations

from focusgroup.crosswalk.attribution import ONET_ATTRIBUTION

__all__ = ["ONET_ATTRIBUTION"]
