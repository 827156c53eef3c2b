"""Crosswalk errors a user can cause; the CLI prints them as one line."""

from __future__ import annotations

from focusgroup.domain.errors import FocusGroupError


class CrosswalkError(FocusGroupError):
    """Something about the occupation index or a crosswalk request the user can fix."""


class NotAnOnetRelease(CrosswalkError):
    """`onet import` was pointed at something that is not an O*NET text release."""


class IndexMissing(CrosswalkError):
    """No usable occupation index: the packaged file is missing and none was imported."""
