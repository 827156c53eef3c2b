"""Benchmarks and measuring harnesses: run from the repository root, not installed with focusgroup.

They time the app from outside (and patch Textual's private drawing hooks to do it), which has
no place in the package a user installs.
"""
