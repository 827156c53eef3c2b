"""Widgets, grouped by wall region."""
