"""Progress bars for the long stages (tqdm, on stderr).

``show`` is True (always), False (never: ``--quiet``) or None (only when stderr is a
terminal, so logs and CI output stay clean).
"""

from __future__ import annotations

import sys
from typing import Any

from tqdm import tqdm


def bar(*, total: int | None = None, desc: str, unit: str, disable: bool | None = None) -> tqdm:
    """A progress bar to use as a context manager and ``update(n)``."""
    if disable is None:
        disable = not sys.stderr.isatty()
    return tqdm(total=total, desc=desc, unit=unit, disable=disable, file=sys.stderr, leave=False,
                dynamic_ncols=True, mininterval=0.5, unit_scale=True)


def disabled(show: bool | None) -> bool | None:
    """tqdm's ``disable`` for a ``show`` setting."""
    return None if show is None else not show


def wrap(iterable: Any, *, show: bool | None, **kwargs: Any) -> Any:
    """``iterable`` with a bar, when shown."""
    with bar(disable=disabled(show), **kwargs) as shown:
        for item in iterable:
            yield item
            shown.update(1)
