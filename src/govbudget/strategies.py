"""Hypothesis strategies for govbudget types (the ``testing`` extra).

Importing this module loads no catalogue and builds no strategy; Hypothesis calls
``_hypothesis_setup_hook`` through its entry point when it starts.
"""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    """Hypothesis entry point: register strategies for govbudget's types (none yet)."""
